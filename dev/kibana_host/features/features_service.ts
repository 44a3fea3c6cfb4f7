/*
 * features.registerKibanaFeature (x-pack/platform/plugins/shared/features/server/plugin.ts and
 * feature_registry.ts): ids are unique and `^[a-zA-Z0-9_-]+$`, registration closes at start. At
 * start the host turns every feature into ES application privileges (security/privileges.ts).
 */
import type { FeaturesPluginSetup, KibanaFeatureConfig } from '@kbn/features-plugin/server';

export class FeaturesService {
  private readonly features = new Map<string, KibanaFeatureConfig>();
  private locked = false;

  setup(): FeaturesPluginSetup {
    return {
      registerKibanaFeature: (feature) => {
        if (this.locked) {
          throw new Error(
            `Features are locked, can't register new features. Attempt to register ${feature.id} failed.`
          );
        }
        if (!/^[a-zA-Z0-9_-]+$/.test(feature.id)) {
          throw new Error(`[id]: Invalid feature id "${feature.id}"`);
        }
        if (this.features.has(feature.id)) {
          throw new Error(`Feature with id ${feature.id} is already registered.`);
        }
        this.features.set(feature.id, feature);
      },
    };
  }

  lock(): KibanaFeatureConfig[] {
    this.locked = true;
    return [...this.features.values()];
  }
}
