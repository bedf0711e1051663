import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiKeyInfo, CreatedApiKey } from '@fractafrag/contracts';
import { mcpClientConfigs } from '../settings/mcp-config.ts';
import { API_KEYS_QUERY_KEY, createApiKey, listApiKeys, revokeApiKey } from '../settings/api-keys-api.ts';
import { CopyButton } from '../ui/copy-button.tsx';
import { EmptyState, InlineError, PageError, PageLoading } from '../ui/page-state.tsx';
import { formText } from '../ui/form-text.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDate = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : 'never');

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ name, write }: { name: string; write: boolean }) =>
      createApiKey(name, write ? ['read', 'write'] : ['read']),
    onSuccess: (key) => {
      onCreated(key);
      void queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY_KEY });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: formText(form, 'name').trim(), write: form.get('write') === 'on' });
    event.currentTarget.reset();
  };
  return (
    <form className="form-card form-wide" onSubmit={submit} aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">New key</h2>
      <label className="field">
        <span>Name</span>
        <input name="name" required maxLength={64} placeholder="Claude Desktop" />
      </label>
      <fieldset className="field checks">
        <legend>Scopes</legend>
        <label>
          <input type="checkbox" name="read" defaultChecked disabled /> read: browse, search, render
        </label>
        <label>
          <input type="checkbox" name="write" /> write: submit, edit, fork and vote as you
        </label>
      </fieldset>
      <InlineError error={create.error} />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}

function NewKeyNotice({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  return (
    <div className="notice" role="status" data-testid="new-api-key">
      <h2>Copy your new key now</h2>
      <p>It is shown only this once. Store it somewhere safe; if you lose it, revoke it and make another.</p>
      <div className="secret-row">
        <code className="secret" data-testid="new-api-key-value">
          {created.key}
        </code>
        <CopyButton text={created.key} label="Copy key" />
      </div>
      <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
        I have stored it
      </button>
    </div>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKeyInfo }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeApiKey(apiKey.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY_KEY }),
  });
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className={revoked ? 'key-row revoked' : 'key-row'} data-testid="api-key-row">
      <div className="key-main">
        <strong>{apiKey.name}</strong> <code>{apiKey.prefix}…</code>
        <span className="chips">
          {apiKey.scopes.map((scope) => (
            <span className="chip" key={scope}>
              {scope}
            </span>
          ))}
        </span>
      </div>
      <div className="key-meta muted">
        Created {formatDate(apiKey.createdAt)} · last used {formatDate(apiKey.lastUsedAt)}
        {revoked ? ` · revoked ${formatDate(apiKey.revokedAt)}` : ''}
      </div>
      {revoked ? null : (
        <button
          type="button"
          className="button button-danger button-small"
          onClick={() => {
            if (window.confirm(`Revoke "${apiKey.name}"? Clients using it stop working at once.`))
              revoke.mutate();
          }}
          disabled={revoke.isPending}
          aria-label={`Revoke ${apiKey.name}`}
        >
          {revoke.isPending ? 'Revoking…' : 'Revoke'}
        </button>
      )}
      <InlineError error={revoke.error} />
    </li>
  );
}

function McpConfig({ apiKey }: { apiKey: string }) {
  const configs = mcpClientConfigs(window.location.origin, apiKey);
  const [selected, setSelected] = useState(configs[0]?.id ?? '');
  const config = configs.find((c) => c.id === selected) ?? configs[0];
  if (!config) return null;
  return (
    <section className="mcp-config" aria-labelledby="mcp-heading">
      <h2 id="mcp-heading">Connect an AI agent (MCP)</h2>
      <p className="muted">
        The MCP server lives at <code>{window.location.origin}/mcp</code>. Send the key as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code> to act as you; without one, agents get the read tools.
      </p>
      <div className="segmented" role="radiogroup" aria-label="MCP client">
        {configs.map((c) => (
          <label key={c.id} className={c.id === config.id ? 'segment active' : 'segment'}>
            <input
              type="radio"
              name="mcp-client"
              value={c.id}
              checked={c.id === config.id}
              onChange={() => setSelected(c.id)}
            />
            {c.label}
          </label>
        ))}
      </div>
      <p className="muted">{config.hint}</p>
      <div className="code-block">
        <pre data-testid="mcp-config">{config.text}</pre>
        <CopyButton text={config.text} label="Copy config" />
      </div>
    </section>
  );
}

export function ApiKeysPage() {
  const keys = useQuery({ queryKey: API_KEYS_QUERY_KEY, queryFn: ({ signal }) => listApiKeys(signal) });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  let list;
  if (keys.isPending) list = <PageLoading label="Loading your keys…" />;
  else if (keys.isError) list = <PageError error={keys.error} onRetry={() => void keys.refetch()} />;
  else if (keys.data.length === 0)
    list = (
      <EmptyState title="No API keys yet">
        <p>Create one to let scripts and AI agents use Fractafrag as you.</p>
      </EmptyState>
    );
  else
    list = (
      <ul className="key-list" aria-label="Your API keys">
        {keys.data.map((apiKey) => (
          <KeyRow key={apiKey.id} apiKey={apiKey} />
        ))}
      </ul>
    );

  return (
    <section className="settings-page" aria-labelledby="api-keys-heading">
      <title>API keys · Fractafrag</title>
      <h1 id="api-keys-heading">API keys</h1>
      {created ? <NewKeyNotice created={created} onDismiss={() => setCreated(null)} /> : null}
      <div className="settings-grid">
        <CreateKeyForm onCreated={setCreated} />
        <div>
          <h2>Your keys</h2>
          {list}
        </div>
      </div>
      <McpConfig apiKey={created?.key ?? '<your API key>'} />
    </section>
  );
}
