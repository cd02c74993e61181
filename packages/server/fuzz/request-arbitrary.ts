/**
 * @module The requests fuzzed for one operation: values from its own schemas (with seeded ids and
 * tokens where a field names one) mixed with hostile variants of every part: path, query, headers,
 * credentials, body, content type and method. Each request carries tags saying which parts are hostile.
 */
import fc from 'fast-check';
import { permissionCatalog } from '../src/catalog/permissions.js';
import { FuzzWorld, managementAuthorization, unreachableCallbackUrl, type SeededApplication, type SeededVehicle } from './fuzz-world.js';
import { contentTypes, hostileString, hostileUrlString, hostileVariantOf, malformedJson } from './hostile-values.js';
import { jsonText, treeOf } from './json-text.js';
import type { FuzzOperation, Parameter } from './operations.js';
import { valueOf, type FieldHints } from './schema-arbitrary.js';

/** One request, ready for `app.inject`. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string | undefined;
  /** The hostile parts, e.g. `query`, `body:malformed`, `auth:expired`; empty for a well-formed request. */
  readonly tags: readonly string[];
}

interface Tagged<T> {
  readonly value: T;
  readonly tag: string | null;
}

const plain = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> => arbitrary.map((value) => ({ value, tag: null }));
const tagged = <T>(tag: string, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> => arbitrary.map((value) => ({ value, tag }));
const weighted = <T>(...choices: readonly [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> => fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** UTF-8 percent-encoding of anything, lone surrogates included (they become U+FFFD, as a client's encoder would). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value.replace(loneSurrogate, '\ufffd'));
}

/** Header values keep to what HTTP can carry; a client cannot send CR, LF, NUL or characters beyond Latin-1. */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

const hostileHeaderValue = hostileUrlString.map(headerSafe);

/** Callback URLs that test the SSRF checks; none can be reached (see outbound-guard.ts). */
const callbackUrls = [
  unreachableCallbackUrl, 'http://127.0.0.1:9/hook', 'https://localhost/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/',
  'http://2130706433/', 'http://0x7f.1/', 'http://0.0.0.0/', 'ftp://hooks.fuzz.invalid/', 'https://user:secret@hooks.fuzz.invalid/', 'https://hooks.fuzz.invalid/#fragment',
  'javascript:alert(1)', 'file:///etc/passwd', 'https://hooks.fuzz.invalid/' + 'a'.repeat(3_000),
];

/** Everything the seeded world can offer a field of a given name. */
function worldHints(world: FuzzWorld, subject: SeededVehicle, vehiclePaths: readonly string[]): FieldHints {
  const vehicles = world.allVehicles();
  const applications = [world.seeded.main, world.seeded.other];
  const hints: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
    vehicle_id: fc.constantFrom(subject.id, ...vehicles.map((vehicle) => vehicle.id)),
    user_id: fc.constantFrom(subject.userId, ...vehicles.map((vehicle) => vehicle.userId)),
    webhook_id: fc.oneof(fc.constant(null).map(() => world.webhookId), fc.constant(null).map(() => world.otherWebhookId), fc.uuid()),
    delivery_id: fc.uuid(),
    vehicle: fc.constantFrom(world.seeded.operatorVin, `test/TESLA/${world.seeded.operatorVin}`),
    callbackUrl: fc.constantFrom(...callbackUrls),
    refresh_token: fc.constantFrom(world.seeded.sacrificialRefreshToken, 'not-a-refresh-token'),
    code: fc.constantFrom(world.seeded.authorizationCode, 'not-a-code'),
    client_id: fc.constantFrom(...applications.map((application) => application.clientId)),
    client_secret: fc.constantFrom(world.seeded.main.clientSecret, 'wrong-secret'),
    redirect_uri: fc.constantFrom(world.seeded.main.redirectUri, 'https://evil.example/callback', `${world.seeded.main.redirectUri}/extra`),
    path: fc.constantFrom(...vehiclePaths),
    endpoints: fc.constantFrom(...vehiclePaths),
    flow: fc.constant(world.seeded.flow.id),
    csrf: fc.constant(world.seeded.flow.csrf),
    cookie: fc.constant(world.seeded.flow.cookie),
    make: fc.constantFrom(subject.make, subject.make.toLowerCase(), 'FORD', 'NOT_A_MAKE'),
    mode: fc.constantFrom('test', 'live', 'simulated'),
    scope: fc.constantFrom('read_vehicle_info', permissionCatalog.map((permission) => permission.name).join(' '), 'read_vehicle_info unknown_permission'),
    vin: fc.constantFrom(subject.vin, world.seeded.operatorVin),
    token: fc.constant(subject.accessToken),
    username: fc.constantFrom('fuzz.connect@example.com', '+15555550123'),
    by: fc.constantFrom('1s', '15m', '2h', '1d'),
  };
  return (name) => hints[name];
}

/** The vehicles whose ids and tokens make a request well formed: those of the make a make-specific path names. */
function subjectsFor(operation: FuzzOperation, world: FuzzWorld): readonly SeededVehicle[] {
  const segments = operation.path.split('/');
  const ofMake = world.seeded.vehicles.filter((vehicle) => segments.includes(FuzzWorld.pathSegmentOf(vehicle.make) ?? ''));
  return ofMake.length > 0 ? ofMake : world.seeded.vehicles;
}

function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** The Authorization header: mostly the operation's own credential, sometimes a wrong, stale, foreign or garbled one. */
function authorization(operation: FuzzOperation, world: FuzzWorld, subject: SeededVehicle): fc.Arbitrary<Tagged<string | undefined>> {
  const others = world.seeded.vehicles.filter((vehicle) => vehicle.accessToken !== subject.accessToken);
  const bearer = (token: string) => `Bearer ${token}`;
  const common: [number, fc.Arbitrary<Tagged<string | undefined>>][] = [
    [1, tagged('auth:none', fc.constant(undefined))],
    [1, tagged('auth:garbage', fc.oneof(hostileHeaderValue, hostileHeaderValue.map(bearer), hostileHeaderValue.map((value) => basic('default', value))))],
  ];
  const own = (value: string): [number, fc.Arbitrary<Tagged<string | undefined>>] => [12, plain(fc.constant(value))];
  const management = (application: SeededApplication) => managementAuthorization(application);
  switch (operation.credential) {
    case 'vehicle':
      return weighted(
        own(bearer(subject.accessToken)),
        ...common,
        [1, tagged('auth:expired', fc.constant(bearer(world.seeded.expiredToken)))],
        [1, tagged('auth:revoked', fc.constant(bearer(world.seeded.revokedToken)))],
        [1, tagged('auth:other-application', fc.constant(bearer(world.seeded.foreignVehicle.accessToken)))],
        [1, tagged('auth:other-owner', others.length === 0 ? fc.constant(bearer(world.seeded.narrowVehicle.accessToken)) : fc.constantFrom(...others.map((vehicle) => bearer(vehicle.accessToken))))],
        [1, tagged('auth:narrow', fc.constant(bearer(world.seeded.narrowVehicle.accessToken)))],
        [1, tagged('auth:management', fc.constantFrom(management(world.seeded.main), bearer(world.seeded.main.managementToken)))],
      );
    case 'management':
      return weighted(
        own(management(world.seeded.main)),
        ...common,
        [1, plain(fc.constant(bearer(world.seeded.main.managementToken)))],
        [1, tagged('auth:other-application', fc.constant(management(world.seeded.other)))],
        [1, tagged('auth:access-token', fc.constant(bearer(subject.accessToken)))],
      );
    case 'client':
      return weighted(
        own(basic(world.seeded.main.clientId, world.seeded.main.clientSecret)),
        ...common,
        [1, tagged('auth:wrong-secret', fc.constant(basic(world.seeded.main.clientId, world.seeded.other.clientSecret)))],
        [1, tagged('auth:other-application', fc.constant(basic(world.seeded.other.clientId, world.seeded.other.clientSecret)))],
      );
    case 'admin':
      return weighted(own(bearer(world.seeded.adminToken)), ...common);
    case 'none':
      return weighted([12, plain(fc.constant(undefined))], ...common);
  }
}

/** A path parameter: the subject's own id mostly, another's, a random or a hostile one sometimes. */
function pathValue(parameter: Parameter, subject: SeededVehicle, world: FuzzWorld, hints: FieldHints): fc.Arbitrary<Tagged<string>> {
  const hinted = parameter.name === 'id' ? fc.constant(subject.id) : hints(parameter.name)?.map(String);
  const valid = hinted ?? valueOf(parameter.schema, hints, parameter.name).map(String);
  return weighted<Tagged<string>>(
    [10, plain(valid.map(percentEncode))],
    [1, tagged('path:other-id', fc.constantFrom(...world.allVehicles().map((vehicle) => vehicle.id), ...[world.otherWebhookId].filter((id) => id !== '')))],
    [1, tagged('path:random', fc.uuid())],
    [2, tagged('path:hostile', hostileUrlString.map(percentEncode))],
    // Unencoded: the router and the URL decoder meet `%zz`, `..` and `?` themselves.
    [1, tagged('path:raw', hostileUrlString.filter((value) => /^[\x21-\x7e]*$/.test(value) && value !== ''))],
  );
}

const pair = (name: string, value: string): string => `${percentEncode(name)}=${percentEncode(value)}`;

/**
 * The query, as encoded `name=value` pairs (a repeated name gives several): valid values, hostile
 * ones, names the operation never declared, and unencoded text for the query parser to decode.
 */
function queryPairs(parameters: readonly Parameter[], hints: FieldHints): fc.Arbitrary<Tagged<string[]>> {
  const one = (parameter: Parameter): fc.Arbitrary<Tagged<string[]>> => {
    const valid = valueOf(parameter.schema, hints, parameter.name).map((value) => [pair(parameter.name, String(value))]);
    return weighted<Tagged<string[]>>(
      [parameter.required ? 10 : 4, plain(valid)],
      [parameter.required ? 0 : 5, plain(fc.constant([]))],
      [2, tagged('query:hostile', hostileUrlString.map((value) => [pair(parameter.name, value)]))],
      [1, tagged('query:repeated', fc.tuple(valid, valid).map(([first, second]) => [...first, ...second]))],
    );
  };
  const extra = weighted<Tagged<string[]>>(
    [20, plain(fc.constant([]))],
    [1, tagged('query:undeclared', fc.tuple(fc.constantFrom('__proto__', 'constructor', '__proto__[fuzzPolluted]', 'constructor[prototype][fuzzPolluted]', 'a[b]', ''), hostileUrlString).map(([name, value]) => [pair(name, value)]))],
    [1, tagged('query:raw', fc.constantFrom('%zz', '%', '%00=%00', '=', '&&&', 'a=%E0%A4%A', '%FF%FE=1', 'limit=1&limit=2', '__proto__=1', 'a=b=c', ';').map((raw) => [raw]))],
  );
  return fc.tuple(...parameters.map(one), extra).map((parts) => ({ value: parts.flatMap((part) => part.value), tag: parts.map((part) => part.tag).find((tag) => tag !== null) ?? null }));
}

interface Payload {
  readonly text: string | undefined;
  readonly contentType: string | undefined;
}

const formText = (entries: readonly (readonly [string, string])[]): string => entries.map(([name, value]) => pair(name, value)).join('&');

/** The body: well formed, with one hostile change, malformed, under a wrong content type, or absent. */
function payload(operation: FuzzOperation, hints: FieldHints): fc.Arbitrary<Tagged<Payload>> {
  const junk = tagged('body:unexpected', fc.tuple(fc.oneof(malformedJson, fc.constant('{}')), contentTypes).map(([text, contentType]): Payload => ({ text, contentType })));
  const body = operation.body;
  if (body === undefined) return weighted<Tagged<Payload>>([10, plain(fc.constant({ text: undefined, contentType: undefined }))], [1, junk]);
  const valid = valueOf(body.schema, hints);
  if (body.contentType === 'application/x-www-form-urlencoded') {
    const entries = valid.map((value) => Object.entries(value !== null && typeof value === 'object' ? value : {}).map(([name, item]) => [name, String(item)] as const));
    const hostileEntries = fc.tuple(entries, fc.constantFrom('__proto__', 'constructor', 'vehicle', 'csrf', 'flow'), hostileString).map(([list, name, value]) => [...list, [name, value] as const]);
    const form = (text: string): Payload => ({ text, contentType: body.contentType });
    return weighted<Tagged<Payload>>([6, plain(entries.map(formText).map(form))], [3, tagged('body:hostile', hostileEntries.map(formText).map(form))], [1, junk]);
  }
  const json = (text: string): Payload => ({ text, contentType: 'application/json' });
  return weighted<Tagged<Payload>>(
    [5, plain(valid.map((value) => json(jsonText(treeOf(value)))))],
    [4, tagged('body:hostile', valid.chain((value) => hostileVariantOf(treeOf(value))).map((tree) => json(jsonText(tree))))],
    [1, tagged('body:malformed', malformedJson.map(json))],
    [1, tagged('body:content-type', fc.tuple(valid, contentTypes).map(([value, contentType]): Payload => ({ text: jsonText(treeOf(value)), contentType })))],
    [1, tagged('body:absent', fc.constant({ text: undefined, contentType: body.required ? 'application/json' : undefined }))],
  );
}

/** Headers beyond the credential: unit system, idempotency key and (for pages) the Connect cookie. */
function extraHeaders(operation: FuzzOperation, hints: FieldHints): fc.Arbitrary<Tagged<Record<string, string>>> {
  const optional = (name: string, valid: fc.Arbitrary<string>): fc.Arbitrary<Tagged<Record<string, string>>> =>
    weighted<Tagged<Record<string, string>>>([8, plain(fc.constant({}))], [3, plain(valid.map((value) => ({ [name]: value })))], [1, tagged(`header:${name}`, hostileHeaderValue.map((value) => ({ [name]: value })))]);
  const cookie = operation.parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'cookie') ? optional('cookie', (hints('cookie') ?? fc.constant('')).map(String)) : plain(fc.constant({}));
  const unit = optional('sc-unit-system', fc.constantFrom('metric', 'imperial'));
  const idempotency = operation.method === 'GET' ? plain(fc.constant({})) : optional('idempotency-key', fc.uuid());
  return fc.tuple(cookie, unit, idempotency).map((parts) => ({ value: Object.assign({}, ...parts.map((part) => part.value)) as Record<string, string>, tag: parts.map((part) => part.tag).find((tag) => tag !== null) ?? null }));
}

const otherMethods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');

/**
 * Requests for `operation`. `vehiclePaths` are the Vehicle API's GET paths relative to a vehicle
 * (`/odometer`, `/tesla/charge`), offered wherever a body names an endpoint (batch, scheduled webhooks).
 */
export function requestsFor(operation: FuzzOperation, world: FuzzWorld, vehiclePaths: readonly string[]): fc.Arbitrary<FuzzRequest> {
  // Built once per subject: building an arbitrary from the schemas costs far more than drawing from it.
  const bySubject = new Map<SeededVehicle, fc.Arbitrary<FuzzRequest>>();
  return fc.constantFrom(...subjectsFor(operation, world)).chain((subject) => {
    let requests = bySubject.get(subject);
    if (requests === undefined) {
      requests = requestsAbout(operation, world, subject, vehiclePaths);
      bySubject.set(subject, requests);
    }
    return requests;
  });
}

/** Requests for `operation` whose well-formed parts name `subject`: its id, its owner's token. */
function requestsAbout(operation: FuzzOperation, world: FuzzWorld, subject: SeededVehicle, vehiclePaths: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const hints = worldHints(world, subject, vehiclePaths);
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  return fc
    .record({
      path: fc.tuple(...pathParameters.map((parameter) => pathValue(parameter, subject, world, hints))),
      query: queryPairs(operation.parameters.filter((parameter) => parameter.in === 'query'), hints),
      authorization: authorization(operation, world, subject),
      headers: extraHeaders(operation, hints),
      body: payload(operation, hints),
      method: weighted<Tagged<string>>([30, plain(fc.constant(operation.method))], [1, tagged('method', otherMethods)]),
    })
    .map(({ path, query, authorization: credential, headers, body, method }): FuzzRequest => {
      let url = operation.path;
      pathParameters.forEach((parameter, index) => {
        url = url.replace(`{${parameter.name}}`, path[index]?.value ?? '');
      });
      const search = query.value.join('&');
      const allHeaders: Record<string, string> = { ...headers.value };
      if (credential.value !== undefined) allHeaders.authorization = credential.value;
      if (body.value.contentType !== undefined) allHeaders['content-type'] = body.value.contentType;
      const tags = [...path.map((part) => part.tag), query.tag, credential.tag, headers.tag, body.tag, method.tag].filter((tag): tag is string => tag !== null);
      return { method: method.value, url: search === '' ? url : `${url}?${search}`, headers: allHeaders, payload: body.value.text, tags };
    });
}
