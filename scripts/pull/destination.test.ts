import { ArgsError } from '../lib/args';
import { outboundPolicyFrom } from './destination';

describe('--allowed-hosts', () => {
  it('defaults to public hosts only, like audit_sources.allowedHosts', () => {
    expect(() =>
      outboundPolicyFrom({}, { remote: 'https://logs.closer.example:9243' })
    ).not.toThrow();
    expect(() => outboundPolicyFrom({}, { remote: 'http://127.0.0.1:9200' })).toThrow(
      /--remote: Refused to connect to 127\.0\.0\.1: a loopback address.*\(here: --allowed-hosts\)/
    );
    expect(() => outboundPolicyFrom({}, { url: 'http://169.254.169.254' })).toThrow(ArgsError);
  });

  it('takes a comma-separated list and names bad entries', () => {
    const policy = outboundPolicyFrom(
      { 'allowed-hosts': '*, 127.0.0.0/8 ,::1' },
      { remote: 'http://127.0.0.1:9200', proxy: undefined }
    );
    expect(policy.addressError('localhost', '127.0.0.1')).toBeUndefined();
    expect(() => outboundPolicyFrom({ 'allowed-hosts': '*.example.com' }, {})).toThrow(
      /--allowed-hosts: audit_sources\.allowedHosts: .*wildcards/
    );
  });
});
