/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import React from 'react';
import { render, screen } from '@testing-library/react';
import { EuiProvider } from '@elastic/eui';
import { health } from '../test_utils/mock_services';
import { BackfillProgress, backfillPercent } from './backfill_progress';
import { formatDurationMs } from './format';

const from = Date.parse('2026-01-01T00:00:00Z');
const day = 86_400_000;

describe('backfill progress', () => {
  it('is the share of [from, now] the cursor covered', () => {
    const running = health({
      backfill: {
        complete: false,
        from: new Date(from).toISOString(),
        cursor: new Date(from + 3 * day).toISOString(),
      },
    });
    expect(backfillPercent(running, from + 10 * day)).toBe(30);
    expect(backfillPercent(running, from + 4 * day)).toBe(75);
    expect(backfillPercent(health({ backfill: { complete: true } }), from)).toBe(100);
    expect(backfillPercent(health({ backfill: { complete: false } }), from)).toBe(0);
  });

  it('renders a progress bar with the percentage and events so far', () => {
    render(
      <EuiProvider colorMode="light">
        <BackfillProgress
          now={from + 4 * day}
          health={health({
            totals: { read: 5000, written: 4321, duplicates: 0, pipelineErrors: 0 },
            backfill: {
              complete: false,
              from: new Date(from).toISOString(),
              cursor: new Date(from + day).toISOString(),
            },
          })}
        />
      </EuiProvider>
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('value', '25');
    expect(screen.getByText('Backfill 25%')).toBeInTheDocument();
    expect(screen.getByTestId('backfillProgressText')).toHaveTextContent('4,321 events');
  });

  it('formats lag', () => {
    expect(formatDurationMs(90_000)).toBe('1m 30s');
    expect(formatDurationMs(26 * 3_600_000 + 5000)).toBe('1d 2h');
    expect(formatDurationMs(undefined)).toBe('—');
  });
});
