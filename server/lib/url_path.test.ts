import { trimTrailingSlashes } from './url_path';

describe('trimTrailingSlashes', () => {
  it('removes only the slashes at the end', () => {
    expect(trimTrailingSlashes('http://h/a///')).toBe('http://h/a');
    expect(trimTrailingSlashes('http://h/a')).toBe('http://h/a');
    expect(trimTrailingSlashes('///')).toBe('');
    expect(trimTrailingSlashes('')).toBe('');
  });

  it('handles a long run of slashes that is not at the end in linear time', () => {
    // `/\/+$/` takes seconds on this input (quadratic); the loop is one pass.
    const text = `${'/'.repeat(200_000)}a`;
    const started = Date.now();
    expect(trimTrailingSlashes(text)).toBe(text);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
