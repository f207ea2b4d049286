import { describe, expect, it } from 'vitest';
import { evaluate, type Question } from './support.js';

/**
 * The example policies of Argo CD's RBAC documentation (argoproj/argo-cd
 * docs/operator-manual/rbac.md, copied verbatim as test data), each asked what the text around it
 * says it allows and what it does not.
 */
interface Example {
  section: string;
  data: Record<string, string>;
  appProject?: unknown;
  questions: Question[];
}

const user =
  (subjects: string[]) =>
  (action: string, object: string, allowed: boolean, resource = 'applications') => ({
    subjects,
    resource,
    action,
    object,
    allowed,
  });
const exampleUser = user(['example-user']);

const examples: Example[] = [
  {
    section: 'Application-Specific Policy',
    data: {
      'policy.csv': `p, example-user, applications, get, *, allow
p, example-user, logs, get, example-project/my-app, allow`,
    },
    questions: [
      exampleUser('get', 'any-project/any-app', true),
      exampleUser('get', 'example-project/my-app', true, 'logs'),
      exampleUser('get', 'example-project/other-app', false, 'logs'),
      exampleUser('sync', 'example-project/my-app', false),
    ],
  },
  {
    section: 'Application in Any Namespaces',
    data: {
      'policy.csv': `p, example-user, applications, get, */app-namespace/*, allow
p, example-user, logs, get, example-project/app-namespace/my-app, allow`,
    },
    questions: [
      exampleUser('get', 'some-project/app-namespace/my-app', true),
      exampleUser('get', 'some-project/other-namespace/my-app', false),
      exampleUser('get', 'example-project/app-namespace/my-app', true, 'logs'),
      exampleUser('get', 'example-project/other-namespace/my-app', false, 'logs'),
    ],
  },
  {
    section: 'Fine-grained Permissions: delete Pods only',
    data: { 'policy.csv': 'p, example-user, applications, delete/*/Pod/*/*, default/prod-app, allow' },
    questions: [
      exampleUser('delete//Pod/prod/web-0', 'default/prod-app', true),
      exampleUser('delete/apps/Deployment/prod/web', 'default/prod-app', false),
      exampleUser('delete', 'default/prod-app', false),
    ],
  },
  {
    section: 'Fine-grained Permissions: update resources, not the app',
    data: { 'policy.csv': 'p, example-user, applications, update/*, default/prod-app, allow' },
    questions: [
      exampleUser('update/apps/Deployment/prod/web', 'default/prod-app', true),
      exampleUser('update', 'default/prod-app', false),
    ],
  },
  {
    section: 'Fine-grained Permissions: deny deleting the app, allow deleting Pods',
    data: {
      'policy.csv': `p, example-user, applications, delete, default/prod-app, deny
p, example-user, applications, delete/*/Pod/*/*, default/prod-app, allow`,
    },
    questions: [
      exampleUser('delete', 'default/prod-app', false),
      exampleUser('delete//Pod/prod/web-0', 'default/prod-app', true),
    ],
  },
  {
    section: 'Understand glob pattern behavior: / is no separator',
    data: { 'policy.csv': 'p, example-user, applications, delete/*/kind/*, default/prod-app, allow' },
    questions: [
      exampleUser('delete/group/kind/namespace/name', 'default/prod-app', true),
      exampleUser('delete/group/Kind/kind/name', 'default/prod-app', true),
    ],
  },
  {
    section: 'The action action',
    data: {
      'policy.csv': `p, example-user, applications, action//Pod/maintenance-off, default/*, allow
p, example-user, applications, action/extensions/DaemonSet/*, default/*, allow`,
    },
    questions: [
      exampleUser('action//Pod/maintenance-off', 'default/my-app', true),
      exampleUser('action//Pod/maintenance-on', 'default/my-app', false),
      exampleUser('action/extensions/DaemonSet/restart', 'default/my-app', true),
      exampleUser('action/extensions/DaemonSet/restart', 'other/my-app', false),
    ],
  },
  {
    section: 'The action action: any action',
    data: { 'policy.csv': 'p, example-user, applications, action/*, default/*, allow' },
    questions: [
      exampleUser('action/apps/Deployment/restart', 'default/my-app', true),
      exampleUser('sync', 'default/my-app', false),
    ],
  },
  {
    section: 'The applicationsets resource',
    data: { 'policy.csv': 'p, dev-group, applicationsets, *, dev-project/*, allow' },
    questions: [
      user(['someone', 'dev-group'])('create', 'dev-project/my-set', true, 'applicationsets'),
      user(['someone', 'dev-group'])('create', 'prod-project/my-set', false, 'applicationsets'),
    ],
  },
  {
    section: 'The extensions resource',
    data: {
      'policy.csv': `p, example-user, applications, get, default/*, allow
p, example-user, extensions, invoke, httpbin, allow`,
    },
    questions: [
      exampleUser('get', 'default/my-app', true),
      exampleUser('invoke', 'httpbin', true, 'extensions'),
      exampleUser('invoke', 'ai-sre', false, 'extensions'),
    ],
  },
  {
    section: 'Glob matching',
    data: { 'policy.csv': 'p, example-user, applications, action/extensions/*, default/*, allow' },
    questions: [exampleUser('action/extensions/DaemonSet/test', 'default/my-app', true)],
  },
  {
    section: 'Using SSO Users/Groups',
    data: {
      'policy.csv': `p, my-org:team-alpha, applications, sync, my-project/*, allow
g, my-org:team-beta, role:admin
g, user@example.org, role:admin`,
      'policy.default': 'role:readonly',
      scopes: '[groups, email]',
    },
    questions: [
      user(['alpha-user', 'my-org:team-alpha'])('sync', 'my-project/web', true),
      user(['alpha-user', 'my-org:team-alpha'])('sync', 'other-project/web', false),
      user(['alpha-user', 'my-org:team-alpha'])('update', 'my-project/web', false),
      user(['beta-user', 'my-org:team-beta'])('update', 'any-project/web', true),
      user(['someone', 'user@example.org'])('sync', 'any-project/web', true),
      // policy.default: every authenticated user reads.
      user(['nobody-special'])('get', 'any-project/web', true),
      user(['nobody-special'])('sync', 'any-project/web', false),
    ],
  },
  {
    section: 'Using SSO Users/Groups: an AppProject role for groups',
    data: { 'policy.default': 'role:readonly' },
    appProject: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team-beta-project', namespace: 'argocd' },
      spec: {
        roles: [
          {
            name: 'admin',
            description: 'Admin privileges to team-beta',
            policies: ['p, proj:team-beta-project:admin, applications, *, *, allow'],
            groups: ['user@example.org', 'my-org:team-beta'],
          },
        ],
      },
    },
    questions: [
      user(['beta-user', 'my-org:team-beta'])('sync', 'team-beta-project/web', true),
      user(['someone', 'user@example.org'])('update', 'team-beta-project/web', true),
      user(['alpha-user', 'my-org:team-alpha'])('sync', 'team-beta-project/web', false),
    ],
  },
  {
    section: 'Local Users/Accounts',
    data: {
      'policy.csv': `p, my-local-user, applications, sync, my-project/*, allow
g, my-other-local-user, role:admin`,
    },
    questions: [
      user(['my-local-user'])('sync', 'my-project/web', true),
      user(['my-local-user'])('sync', 'other-project/web', false),
      user(['my-other-local-user'])('update', 'other-project/web', true),
    ],
  },
  {
    section: 'Ambiguous Group Assignments: an SSO group named like a local user gets its roles',
    data: { 'policy.csv': 'g, sally, role:admin' },
    questions: [user(['sso-user', 'sally'])('sync', 'any/web', true)],
  },
  {
    section: 'Policy CSV Composition',
    data: {
      'policy.csv': 'p, role:dev, applications, get, dev/*, allow',
      'policy.tester-overlay.csv': `p, role:tester, applications, *, */*, allow
p, role:tester, projects, *, *, allow
g, my-org:team-qa, role:tester`,
    },
    questions: [
      user(['qa-user', 'my-org:team-qa'])('sync', 'any/web', true),
      user(['qa-user', 'my-org:team-qa'])('update', 'team', true, 'projects'),
      user(['dev-user'])('sync', 'any/web', false),
    ],
  },
];

describe('the examples of Argo CD’s rbac.md', () => {
  for (const example of examples) {
    describe(example.section, () => {
      it.each(example.questions)('$subjects $action $resource $object → $allowed', async (question) => {
        expect(await evaluate(example.data, question, example.appProject)).toBe(question.allowed);
      });
    });
  }
});
