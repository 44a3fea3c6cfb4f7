import {
  FIELD_MESSAGES,
  fieldMessageText,
  reenterSecretChangedFields,
  type FieldMessageKey,
} from '../../common/connectors/field_messages';
import { pemStructureProblem } from '../../common/connectors/pem';
import { settingsWarnings } from '../../common/connectors/settings_warnings';
import { sourceDefinition } from '../../common/sources/registry';
import { FIELD_MESSAGE_TRANSLATIONS, translateFieldMessage } from './form_messages';

const SAMPLE_VALUES = {
  max: 7,
  text: 'x',
  example: '{}',
  reason: 'r',
  characters: 'c',
  duration: '9d',
};

describe('field message translations', () => {
  it('each key has a translation whose default text is the server’s text', () => {
    for (const key of Object.keys(FIELD_MESSAGES) as FieldMessageKey[]) {
      const values = SAMPLE_VALUES;
      expect(FIELD_MESSAGE_TRANSLATIONS[key](values)).toBe(fieldMessageText({ key, values }));
    }
  });

  it('substitutes values', () => {
    expect(translateFieldMessage({ key: 'nameTooLong', values: { max: 100 } })).toBe(
      'Name must be at most 100 characters'
    );
  });
});

describe('reenterSecretChangedFields', () => {
  it('reads the setting paths of the server’s message, and nothing else', () => {
    expect(
      reenterSecretChangedFields(
        'Re-enter this secret: settings.url, settings.index changed, and a stored secret is only used for…'
      )
    ).toEqual(['settings.url', 'settings.index']);
    expect(reenterSecretChangedFields('Password is required')).toBeUndefined();
  });
});

describe('pemStructureProblem', () => {
  const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
  it('accepts base64 of a DER sequence, in lines, and bundles', () => {
    expect(pemStructureProblem(pem('MIIB\r\nszCC'))).toBeUndefined();
    expect(pemStructureProblem(`${pem('MIIB')}\nsubject=x\n${pem('MIGa')}`)).toBeUndefined();
  });
  it('rejects garbage, bad padding and base64 that is not a certificate', () => {
    expect(pemStructureProblem(pem('hello world'))?.key).toBe('pemBodyNotBase64');
    expect(pemStructureProblem(pem('MII=B'))?.key).toBe('pemBodyNotBase64');
    expect(pemStructureProblem(pem('MIIBs'))?.key).toBe('pemBodyNotBase64');
    expect(pemStructureProblem(pem('QUJDRA=='))?.key).toBe('pemBodyNotCertificate');
    expect(pemStructureProblem('no pem')?.key).toBe('pemShape');
  });
});

describe('settingsWarnings', () => {
  it('warns on out-of-range durations only', () => {
    expect(settingsWarnings(sourceDefinition('lumos'), { lateArrivalWindow: '8d' })).toEqual({
      'settings.lateArrivalWindow': { key: 'lateArrivalLong', values: { duration: '8d' } },
    });
    expect(
      settingsWarnings(sourceDefinition('lumos'), { lateArrivalWindow: '7d', initialWindow: '30d' })
    ).toEqual({});
    expect(settingsWarnings(sourceDefinition('closer'), { url: 'https://x', lag: '61m' })).toEqual({
      'settings.lag': { key: 'lagLong', values: { duration: '61m' } },
    });
    expect(
      settingsWarnings(sourceDefinition('closer'), { url: 'https://x', initialWindow: '0s' })
    ).toEqual({
      'settings.initialWindow': { key: 'initialWindowZero' },
    });
  });
  it('says TLS settings are unused over http:// unless an https:// proxy is used', () => {
    const ca = { caCertificate: 'pem', caFingerprint: 'ab' };
    expect(
      Object.keys(settingsWarnings(sourceDefinition('closer'), { url: 'http://x', ...ca }))
    ).toEqual(['settings.caCertificate', 'settings.caFingerprint']);
    expect(
      settingsWarnings(sourceDefinition('closer'), {
        url: 'http://x',
        proxyUrl: 'https://proxy',
        ...ca,
      })
    ).toEqual({});
    expect(settingsWarnings(sourceDefinition('lumos'), { caCertificate: 'pem' })).toEqual({});
  });
});
