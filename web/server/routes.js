// Azure Image Analysis's REST routes (v3.2 and 4.0) over the worker pool.
// Each route turns Azure's query parameters into analyzer options and the
// analyzer's JSON into the route's response shape; the analysis itself is
// the core's. A route answers {json, status?, headers?} or {bytes, contentType}.
import { AnalysisError } from '../errors.js';
import { ocrResult } from './text-results.js';

const V32 = '/vision/v3.2';
const API_VERSIONS = new Set(['2023-10-01', '2024-02-01']);

// A query parameter, undefined when absent or empty.
const param = (query, name) => query.get(name) || undefined;

// A number stays a number; anything else is passed as given, for the core to refuse by name.
const numberOrText = (text) => (text !== undefined && Number.isFinite(Number(text)) ? Number(text) : text);

// Options every analysis route shares, without undefined members.
function analysisOptions(query, format, extra) {
  const options = { format, language: param(query, 'language'), modelVersion: param(query, 'model-version'), ...extra };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

// The v3.2 analysis of `features` (for the single-feature routes).
const analyzeV32 = (ctx, features, extra) => ctx.run('analyze', analysisOptions(ctx.query, 'azure-v3.2', { features, ...extra }));

// {requestId, metadata, modelVersion} plus `members`: the tail every v3.2 result ends with.
const v32Result = (analysis, members) => ({
  ...members, requestId: analysis.requestId, metadata: analysis.metadata, modelVersion: analysis.modelVersion,
});

function celebritiesOf(analysis) {
  return (analysis.categories ?? []).flatMap((category) => category.detail?.celebrities ?? []);
}

function landmarksOf(analysis) {
  return (analysis.categories ?? []).flatMap((category) => category.detail?.landmarks ?? []);
}

// Whether the workers' analyzers can answer `detail` (their models and plugins decide).
const canAnswer = (detail) => (ctx) => ctx.details.includes(detail);

// served(ctx): whether this server has the model. Celebrities with the face
// models (the people of --people, none without it); landmarks only with a
// landmarks plugin, as there is no built-in landmarks classifier.
const DOMAIN_MODELS = {
  celebrities: { categories: ['people_', '人_', 'pessoas_', 'gente_'], of: celebritiesOf, served: canAnswer('celebrities') },
  landmarks: {
    categories: ['outdoor_', '户外_', '屋外_', 'aoarlivre_', 'alairelibre_', 'building_', '建筑_', '建物_', 'edifício_'],
    of: landmarksOf,
    served: canAnswer('landmarks'),
  },
};

// The landmarks domain model without a landmarks plugin: refused (400
// InvalidDetails), saying how to start serve to get it. Its answer is the
// landmarks list alone, so an empty one would read as "no landmark in this
// image" when none was looked for. (details=Landmarks on /analyze is the
// analyzer's: the rest runs and `warnings` says why landmarks are missing.)
function checkDomainModelServed(ctx, name) {
  if (name !== 'landmarks' || canAnswer('landmarks')(ctx)) return;
  throw new AnalysisError('InvalidDetails',
    'Landmarks need a landmarks classifier, and this server has none: start localvision serve with --plugin FILE, a JSON declaration of your landmarks model (README, "Pluggable models").');
}

function booleanParam(query, name) {
  const text = param(query, name);
  if (text === undefined) return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  throw new AnalysisError('BadArgument', `'${name}' must be true or false.`);
}

function checkApiVersion(query) {
  const version = query.get('api-version');
  if (!API_VERSIONS.has(version)) {
    throw new AnalysisError('UnsupportedApiVersion',
      `The api-version '${version ?? ''}' is not supported: use ${[...API_VERSIONS].join(' or ')}.`);
  }
}

function operationLocation(ctx, id) {
  const { headers } = ctx.req;
  // The scheme the client used: a balancer's X-Forwarded-Proto, else this connection's.
  const forwarded = headers['x-forwarded-proto'];
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : (ctx.req.socket.encrypted ? 'https' : 'http');
  const host = headers['x-forwarded-host'] ?? headers.host;
  return `${proto}://${host}${V32}/read/analyzeResults/${id}`;
}

/**
 * The route table: {method, path (a RegExp with named groups), image (the
 * route reads an image from the body), answer(ctx)}. ctx: {req, query
 * (URLSearchParams), params (the path's groups), run(op, options) and
 * start(op, options) (the pool's run and start of the request's image,
 * dropped if the client leaves while it waits), readResults, details (the
 * details the workers' analyzers can answer: 'celebrities', 'landmarks')}.
 */
export const ROUTES = [
  {
    method: 'POST', path: new RegExp(`^${V32}/analyze$`), image: true,
    async answer(ctx) {
      const features = param(ctx.query, 'visualFeatures') ?? 'Categories';  // Azure's default
      const analysis = await ctx.run('analyze',
        analysisOptions(ctx.query, 'azure-v3.2', { features, details: param(ctx.query, 'details') }));
      return { json: analysis };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/describe$`), image: true,
    async answer(ctx) {
      const maxCandidates = numberOrText(param(ctx.query, 'maxCandidates'));
      const analysis = await analyzeV32(ctx, ['description'], maxCandidates === undefined ? {} : { maxCandidates });
      return { json: v32Result(analysis, { description: analysis.description }) };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/tag$`), image: true,
    async answer(ctx) {
      const analysis = await analyzeV32(ctx, ['tags']);
      return { json: v32Result(analysis, { tags: analysis.tags }) };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/detect$`), image: true,
    async answer(ctx) {
      const analysis = await analyzeV32(ctx, ['objects']);
      return { json: v32Result(analysis, { objects: analysis.objects }) };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/areaOfInterest$`), image: true,
    async answer(ctx) {
      const analysis = await analyzeV32(ctx, ['smartCrops']);
      const { x, y, w, h } = analysis.smartCropsResult.values[0].boundingBox;
      return { json: v32Result(analysis, { areaOfInterest: { x, y, w, h } }) };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/generateThumbnail$`), image: true,
    async answer(ctx) {
      const options = {
        width: numberOrText(param(ctx.query, 'width')),
        height: numberOrText(param(ctx.query, 'height')),
        smartCropping: booleanParam(ctx.query, 'smartCropping') ?? false,
      };
      return { bytes: await ctx.run('thumbnail', options), contentType: 'image/jpeg' };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/models/(?<model>[^/]+)/analyze$`), image: true,
    async answer(ctx) {
      const model = DOMAIN_MODELS[ctx.params.model];
      if (!model) throw new AnalysisError('BadArgument', `There is no domain model '${ctx.params.model}': use celebrities or landmarks.`);
      checkDomainModelServed(ctx, ctx.params.model);
      const analysis = await analyzeV32(ctx, ['categories'], { details: [ctx.params.model] });
      return { json: v32Result(analysis, { result: { [ctx.params.model]: model.of(analysis) } }) };
    },
  },
  {
    method: 'GET', path: new RegExp(`^${V32}/models$`),
    // The models this server has: Azure's clients discover them here.
    async answer(ctx) {
      const served = Object.entries(DOMAIN_MODELS).filter(([, model]) => model.served(ctx));
      return { json: { models: served.map(([name, { categories }]) => ({ name, categories })) } };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/read/analyze$`), image: true,
    // 202 once the worker has decoded the image, so a bad one is refused
    // here (400), as Azure does; the recognition goes on after the answer
    // (GET says 'running' until it is done).
    async answer(ctx) {
      const { result } = await ctx.start('analyze', { format: 'azure-v3.2', features: ['read'] });
      const id = ctx.readResults.start(result);
      return { status: 202, headers: { 'operation-location': operationLocation(ctx, id) } };
    },
  },
  {
    method: 'GET', path: new RegExp(`^${V32}/read/analyzeResults/(?<operationId>[^/]+)$`),
    async answer(ctx) {
      const bytes = ctx.readResults.take(ctx.params.operationId);
      if (!bytes) {
        return { status: 404, json: { error: { code: 'NotFound', message: 'The operation was not found: results are kept in memory until read once or until they expire.' } } };
      }
      return { bytes, contentType: 'application/json; charset=utf-8' };
    },
  },
  {
    method: 'POST', path: new RegExp(`^${V32}/ocr$`), image: true,
    async answer(ctx) {
      const analysis = await ctx.run('analyze', { format: 'azure-v3.2', features: ['read'] });
      return { json: ocrResult(analysis, param(ctx.query, 'language') ?? 'unk') };
    },
  },
  {
    method: 'POST', path: /^\/computervision\/imageanalysis:analyze$/, image: true,
    async answer(ctx) {
      checkApiVersion(ctx.query);
      const features = param(ctx.query, 'features');
      if (!features) throw new AnalysisError('BadArgument', "The 'features' parameter is required: a comma-separated list of visual features.");
      booleanParam(ctx.query, 'gender-neutral-caption');  // captions never name a gender: true and false read the same
      const ratios = param(ctx.query, 'smartcrops-aspect-ratios')?.split(',').map(numberOrText);
      const analysis = await ctx.run('analyze',
        analysisOptions(ctx.query, 'azure-v4.0', { features, smartCropsAspectRatios: ratios }));
      return { json: analysis };
    },
  },
];

/** {route, params} for a request, {allow: [methods]} when only the method is wrong, or null (404). */
export function findRoute(method, pathname) {
  const matches = ROUTES.map((route) => ({ route, match: route.path.exec(pathname) })).filter((m) => m.match);
  const exact = matches.find((m) => m.route.method === method);
  if (exact) return { route: exact.route, params: exact.match.groups ?? {} };
  return matches.length > 0 ? { allow: matches.map((m) => m.route.method) } : null;
}
