/** `logs-lumos.activity_logs-prod` from a backing index `.ds-logs-lumos.activity_logs-prod-2026.01.02-000001`. */
export function dataStreamOf(index: string): string {
  return index.replace(/^\.ds-/, '').replace(/-\d{4}\.\d{2}\.\d{2}-\d+$/, '');
}
