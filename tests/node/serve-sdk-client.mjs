// A user's Azure SDK code, unchanged but for the endpoint, in a process of
// its own: NODE_EXTRA_CA_CERTS (read only at startup) is how it trusts a
// local certificate, as it would for the user. For serve-tls.test.mjs:
//   node serve-sdk-client.mjs v4.0|v3.2 ENDPOINT IMAGE_FILE   (key: AZURE_VISION_KEY)
// Prints what the SDK returned as one JSON document.
import { readFileSync } from 'node:fs';
import { AzureKeyCredential } from '@azure/core-auth';
import computerVision from '@azure/cognitiveservices-computervision';
import msRest from '@azure/ms-rest-js';
import imageAnalysis from '@azure-rest/ai-vision-image-analysis';

const [version, endpoint, file] = process.argv.slice(2);
const key = process.env.AZURE_VISION_KEY;
const image = readFileSync(file);

async function v40() {
  const client = imageAnalysis.default(endpoint, new AzureKeyCredential(key));
  const response = await client.path('/imageanalysis:analyze').post({
    body: image, contentType: 'application/octet-stream', queryParameters: { features: ['tags', 'caption'] },
  });
  return { status: response.status, body: response.body };
}

// Tags, then a Read operation polled until it is done, as Azure's quickstart does.
async function v32() {
  const client = new computerVision.ComputerVisionClient(
    new msRest.ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': key } }), endpoint);
  const { tags } = await client.tagImageInStream(image);
  const { operationLocation } = await client.readInStream(image);
  let read;
  do {
    await new Promise((r) => setTimeout(r, 100));
    read = await client.getReadResult(operationLocation.split('/').pop());
  } while (read.status === 'notStarted' || read.status === 'running');
  return { tags, operationLocation, status: read.status, lines: read.analyzeResult.readResults[0].lines.map((l) => l.text) };
}

const result = version === 'v4.0' ? await v40() : await v32();
process.stdout.write(JSON.stringify(result, (k, v) => (k === '_response' ? undefined : v)));
