/**
 * The operations of a bulk request as a fake Elasticsearch sees them: the writer sends NDJSON
 * bytes (bulk_writer.ts `bulkBody`), other callers an array of objects.
 */
export function bulkOperations(request: { operations?: unknown }): unknown[] {
  const { operations } = request;
  if (Array.isArray(operations)) return operations;
  if (Buffer.isBuffer(operations) || typeof operations === 'string') {
    return operations
      .toString()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
  throw new Error('bulk request without operations');
}
