package org.auditsources.estest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Test fixture only. The integ-test distribution lacks the analysis-common module, but the
 * security index's "email" analyzer needs its uax_url_email tokenizer and pattern_capture and
 * unique filters; without them no native user, role or API key can be created. Lucene's own
 * classes (shipped in ES's lib/) provide all three.
 */
public class SecurityIndexAnalysisPlugin extends Plugin implements AnalysisPlugin {

  @Override
  public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
    return Map.of(
        "uax_url_email",
        (indexSettings, environment, name, settings) ->
            TokenizerFactory.newFactory(name, UAX29URLEmailTokenizer::new));
  }

  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    return Map.of(
        "pattern_capture",
        (indexSettings, environment, name, settings) -> {
          List<String> regexes = settings.getAsList("patterns");
          Pattern[] patterns = regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
          boolean preserveOriginal = settings.getAsBoolean("preserve_original", true);
          return filter(name, in -> new PatternCaptureGroupTokenFilter(in, preserveOriginal, patterns));
        },
        "unique",
        (indexSettings, environment, name, settings) -> filter(name, RemoveDuplicatesTokenFilter::new));
  }

  private static TokenFilterFactory filter(String name, java.util.function.UnaryOperator<TokenStream> create) {
    return new TokenFilterFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TokenStream create(TokenStream tokenStream) {
        return create.apply(tokenStream);
      }
    };
  }
}
