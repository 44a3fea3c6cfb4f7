/*
 * IRouter (src/core/packages/http/server/src/router/router.ts; runtime in
 * router-server-internal/src/router.ts and route.ts). Registration-time checks mirror Kibana:
 * `validate` must be given (`false` to opt out), `security` must pass
 * security_route_config_validator.ts (non-empty requiredPrivileges, anyRequired with ≥ 2 entries,
 * a reason when authz/authc is disabled). Paths use hapi syntax: `{name}`, `{name?}` (optional last
 * segment) and `{name*}`.
 */
import type {
  IRouter,
  Privileges,
  RequestHandler,
  RequestHandlerContextBase,
  RouteConfig,
  RouteMethod,
  RouteRegistrar,
  RouteSecurity,
} from '@kbn/core/server';

export interface RegisteredRoute {
  method: RouteMethod;
  path: string;
  matcher: RegExp;
  paramNames: string[];
  config: RouteConfig<unknown, unknown, unknown, RouteMethod>;
  handler: RequestHandler<unknown, unknown, unknown, RequestHandlerContextBase, RouteMethod>;
}

export function compilePath(path: string): { matcher: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  let pattern = '';
  for (const segment of path.split('/').filter(Boolean)) {
    const param = /^\{(\w+)(\?|\*\d*)?\}$/.exec(segment);
    if (!param) {
      pattern += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      continue;
    }
    paramNames.push(param[1]);
    if (param[2] === '?') pattern += '(?:/([^/]+))?';
    else if (param[2]?.startsWith('*')) pattern += '/(.*)';
    else pattern += '/([^/]+)';
  }
  return { matcher: new RegExp(`^${pattern || '/'}/?$`), paramNames };
}

function validatePrivileges(privileges: Privileges, where: string) {
  if (!Array.isArray(privileges) || privileges.length === 0) {
    throw new Error(`[${where}]: requiredPrivileges must contain at least one privilege`);
  }
  for (const entry of privileges) {
    if (typeof entry === 'object' && entry.anyRequired && entry.anyRequired.length < 2) {
      throw new Error(
        `[${where}]: anyRequired privileges must contain at least two privileges; use allRequired`
      );
    }
  }
}

/** security_route_config_validator.ts (subset). */
export function validateRouteSecurity(security: RouteSecurity | undefined, where: string) {
  if (!security) throw new Error(`[${where}]: security config is required`);
  const { authz, authc } = security;
  if ('enabled' in authz) {
    if (authz.enabled !== false || !authz.reason) {
      throw new Error(`[${where}]: authz.reason is required when authz is disabled`);
    }
  } else {
    validatePrivileges(authz.requiredPrivileges, where);
  }
  if (authc && authc.enabled !== true && !authc.reason) {
    throw new Error(`[${where}]: authc.reason is required when authc is not enabled`);
  }
}

export class Router<
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
> implements IRouter<Context> {
  readonly routes: RegisteredRoute[] = [];
  readonly get: RouteRegistrar<'get', Context>;
  readonly post: RouteRegistrar<'post', Context>;
  readonly put: RouteRegistrar<'put', Context>;
  readonly patch: RouteRegistrar<'patch', Context>;
  readonly delete: RouteRegistrar<'delete', Context>;

  constructor(
    readonly routerPath: string,
    private readonly onRegister: (route: RegisteredRoute) => void
  ) {
    this.get = this.registrar('get');
    this.post = this.registrar('post');
    this.put = this.registrar('put');
    this.patch = this.registrar('patch');
    this.delete = this.registrar('delete');
  }

  private registrar<Method extends RouteMethod>(method: Method): RouteRegistrar<Method, Context> {
    return <P, Q, B>(
      config: RouteConfig<P, Q, B, Method>,
      handler: RequestHandler<P, Q, B, Context, Method>
    ) => {
      const where = `${method.toUpperCase()} ${config.path}`;
      if (config.validate === undefined) {
        throw new Error(
          `The [${method}] at [${config.path}] does not have a 'validate' specified. Use 'false' as the value if you want to bypass validation.`
        );
      }
      validateRouteSecurity(config.security, where);
      const route: RegisteredRoute = {
        method,
        path: config.path,
        ...compilePath(config.path),
        config: config as unknown as RegisteredRoute['config'],
        handler: handler as unknown as RegisteredRoute['handler'],
      };
      this.routes.push(route);
      this.onRegister(route);
    };
  }
}
