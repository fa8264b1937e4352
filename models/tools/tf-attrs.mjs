// Typed readers for the attributes of a TFJS graph-model node.
const decodeBase64 = (s) => Buffer.from(s, 'base64').toString('utf8');

const TF_DTYPES = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_BOOL: 'bool', DT_INT64: 'int64' };

function attrOf(node, name) { return node.attr ? node.attr[name] : undefined; }

export function attrInt(node, name, fallback) {
  const a = attrOf(node, name);
  return a && a.i !== undefined ? Number(a.i) : fallback;
}

export function attrFloat(node, name, fallback) {
  const a = attrOf(node, name);
  return a && a.f !== undefined ? Number(a.f) : fallback;
}

export function attrBool(node, name, fallback = false) {
  const a = attrOf(node, name);
  return a && a.b !== undefined ? Boolean(a.b) : fallback;
}

export function attrString(node, name, fallback) {
  const a = attrOf(node, name);
  return a && a.s !== undefined ? decodeBase64(a.s) : fallback;
}

export function attrInts(node, name, fallback) {
  const a = attrOf(node, name);
  return a && a.list && a.list.i ? a.list.i.map(Number) : fallback;
}

export function attrStrings(node, name) {
  const a = attrOf(node, name);
  return a && a.list && a.list.s ? a.list.s.map(decodeBase64) : [];
}

export function attrDtype(node, name, fallback) {
  const a = attrOf(node, name);
  if (!a || !a.type) return fallback;
  const dtype = TF_DTYPES[a.type];
  if (!dtype) throw new Error(`${node.op} ${node.name}: unsupported dtype ${a.type}`);
  return dtype;
}

/** Placeholder shape; unknown (-1) dimensions become `unknownDim`. */
export function attrShape(node, unknownDim) {
  const a = attrOf(node, 'shape');
  const dims = a && a.shape && a.shape.dim ? a.shape.dim : [];
  return dims.map((d) => (Number(d.size) < 0 ? unknownDim : Number(d.size)));
}
