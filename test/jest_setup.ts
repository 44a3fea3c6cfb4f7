// Integration tests talk to a real Elasticsearch and local simulators; a slow CI machine needs room.
jest.setTimeout(120_000);
