/*
 * Outbound policies for tests. Tests only ever connect to loopback (README, "Tests"), which the
 * production default refuses, so every test that opens real connections lists it explicitly.
 */
import { OutboundPolicy } from '../lib/outbound/host_policy';

/** What tests may reach: loopback only, so an accidental public host is refused, not tried. */
export const LOOPBACK_ALLOWED_HOSTS: readonly string[] = ['127.0.0.0/8', '::1', 'localhost'];

export const loopbackOutbound = OutboundPolicy.fromConfig(LOOPBACK_ALLOWED_HOSTS);

/**
 * For tests that also save connectors naming example hosts (validated, never connected to):
 * the production default plus loopback, as an operator with a local source would configure.
 */
export const TEST_ALLOWED_HOSTS: readonly string[] = ['*', ...LOOPBACK_ALLOWED_HOSTS];

export const testOutbound = OutboundPolicy.fromConfig(TEST_ALLOWED_HOSTS);
