/*
 * Task type registry with Kibana's registration checks
 * (x-pack/platform/plugins/shared/task_manager/server/task_type_dictionary.ts and the
 * `taskDefinitionSchema` validate() in task.ts): unique types, `maxConcurrency` refused outside
 * Kibana's allow list (which a third-party plugin is never on), interval-shaped timeouts, known
 * TaskPriority/TaskCost values, maxAttempts ≥ 1, state schema versions from 1 without gaps.
 */
import type {
  TaskDefinitionRegistry,
  TaskRegisterDefinition,
} from '@kbn/task-manager-plugin/server';
import { TaskCost, TaskPriority } from '../runtime/task_manager_plugin';
import { isInterval } from './intervals';

export interface TaskDefinition extends TaskRegisterDefinition {
  type: string;
  timeout: string;
  cost: TaskCost;
}

function numericValues(enumObject: object): number[] {
  return Object.values(enumObject).filter((v): v is number => typeof v === 'number');
}

export class TaskTypeDictionary {
  private readonly definitions = new Map<string, TaskDefinition>();

  get(type: string): TaskDefinition | undefined {
    return this.definitions.get(type);
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  types(): string[] {
    return [...this.definitions.keys()];
  }

  register(registry: TaskDefinitionRegistry): void {
    const duplicate = Object.keys(registry).find((type) => this.definitions.has(type));
    if (duplicate) throw new Error(`Task ${duplicate} is already defined!`);
    const validated = Object.entries(registry).map(([type, definition]) =>
      this.validate(type, definition)
    );
    for (const definition of validated) this.definitions.set(definition.type, definition);
  }

  private validate(type: string, definition: TaskRegisterDefinition): TaskDefinition {
    if ('maxConcurrency' in definition) {
      throw new Error(`maxConcurrency setting isn't allowed for task type: ${type}`);
    }
    const timeout = definition.timeout ?? '5m';
    const fail = (message: string) => new Error(`Invalid task definition "${type}": ${message}`);
    if (!isInterval(timeout)) {
      throw fail(
        `Invalid timeout "${timeout}". Timeout must be of the form "{number}{cadance}" where number is an integer. Example: 5m.`
      );
    }
    if (
      definition.priority !== undefined &&
      !numericValues(TaskPriority).includes(definition.priority)
    ) {
      throw fail(
        `Invalid priority "${definition.priority}". Priority must be one of ${Object.keys(
          TaskPriority
        )
          .filter((k) => Number.isNaN(Number(k)))
          .map((k) => `${k} => ${TaskPriority[k as keyof typeof TaskPriority]}`)
          .join(',')}`
      );
    }
    const cost = definition.cost ?? TaskCost.Normal;
    if (!numericValues(TaskCost).includes(cost)) {
      throw fail(
        `Invalid cost "${cost}". Cost must be one of ${Object.keys(TaskCost)
          .filter((k) => Number.isNaN(Number(k)))
          .map((k) => `${k} => ${TaskCost[k as keyof typeof TaskCost]}`)
          .join(',')}`
      );
    }
    if (definition.maxAttempts !== undefined && !(definition.maxAttempts >= 1)) {
      throw fail(`[maxAttempts]: Value must be equal to or greater than [1].`);
    }
    if (typeof definition.createTaskRunner !== 'function') {
      throw fail('createTaskRunner must be a function');
    }
    const versions = Object.keys(definition.stateSchemaByVersion ?? {})
      .map(Number)
      .sort((a, b) => a - b);
    versions.forEach((v, i) => {
      if (v !== i + 1) throw fail('stateSchemaByVersion must be numbered from 1 without gaps');
    });
    return { ...definition, type, timeout, cost };
  }
}
