import React from 'react';
import {
  EuiCard,
  EuiFlexGrid,
  EuiFlexItem,
  EuiIcon,
  EuiSpacer,
  EuiText,
  EuiTextColor,
} from '@elastic/eui';
import { FormattedMessage } from '@kbn/i18n-react';
import type { SourceKind } from '../../common/sources/registry';
import { PUBLIC_SOURCES } from '../sources/registry';

/** The create flyout's first step: one card per registered source. */
export function SourcePicker({ onPick }: { onPick: (kind: SourceKind) => void }) {
  return (
    <>
      <EuiText size="s">
        <p>
          <FormattedMessage
            id="auditSources.connectorFlyout.sourcePicker.intro"
            defaultMessage="Select a source. Each connector pulls one source on a schedule into its data stream."
          />
        </p>
      </EuiText>
      <EuiSpacer size="m" />
      <EuiFlexGrid columns={2} gutterSize="m">
        {PUBLIC_SOURCES.map((source) => (
          <EuiFlexItem key={source.kind}>
            <EuiCard
              data-test-subj={`sourceCard-${source.kind}`}
              layout="horizontal"
              icon={<EuiIcon type={source.icon} size="xl" />}
              title={source.label()}
              description={
                <>
                  {source.summary()} {source.needs()}
                  <br />
                  {/* EuiCard renders the description in a <p>: inline elements only. */}
                  <EuiTextColor color="subdued" component="span">
                    <small>
                      <FormattedMessage
                        id="auditSources.connectorFlyout.sourcePicker.writesTo"
                        defaultMessage="Writes to {dataStream}"
                        values={{ dataStream: `logs-${source.definition.dataset}-<namespace>` }}
                      />
                    </small>
                  </EuiTextColor>
                </>
              }
              onClick={() => onPick(source.kind)}
              hasBorder
            />
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
    </>
  );
}
