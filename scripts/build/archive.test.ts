import { orderArchiveEntries } from './archive';

describe('orderArchiveEntries', () => {
  const manifest = 'kibana/demo/kibana.json';

  it('puts the manifest first, where bin/kibana-plugin looks for it', () => {
    expect(
      orderArchiveEntries(
        ['kibana/demo/common/a.js', manifest, 'kibana/demo/server/index.js'],
        manifest
      )
    ).toEqual([manifest, 'kibana/demo/common/a.js', 'kibana/demo/server/index.js']);
  });

  it('requires the manifest', () => {
    expect(() => orderArchiveEntries(['kibana/demo/server/index.js'], manifest)).toThrow(
      /must contain kibana\/demo\/kibana.json/
    );
  });

  it('refuses paths the installer would also take for a plugin manifest', () => {
    const impostor = 'kibana/demo/node_modules/my-kibana/x/kibana.json';
    expect(() => orderArchiveEntries([manifest, impostor], manifest)).toThrow(/mistake/);
  });
});
