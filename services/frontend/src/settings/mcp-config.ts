/** What an MCP client needs to reach this server as the holder of `key`. */
export interface McpClientConfig {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly text: string;
}

export function mcpClientConfigs(origin: string, key: string): McpClientConfig[] {
  const url = `${origin}/mcp`;
  const authorization = `Bearer ${key}`;
  const claudeCode = {
    mcpServers: { fractafrag: { type: 'http', url, headers: { Authorization: authorization } } },
  };
  // Claude Desktop starts local commands only; mcp-remote bridges it to a Streamable HTTP server.
  const claudeDesktop = {
    mcpServers: {
      fractafrag: {
        command: 'npx',
        args: ['-y', 'mcp-remote', url, '--header', `Authorization:${authorization}`],
      },
    },
  };
  return [
    {
      id: 'claude-code',
      label: 'Claude Code',
      hint: 'Put this in .mcp.json at the root of your project (or run the command below it).',
      text: `${JSON.stringify(claudeCode, null, 2)}\n\n# or:\nclaude mcp add --transport http fractafrag ${url} --header "Authorization: ${authorization}"`,
    },
    {
      id: 'claude-desktop',
      label: 'Claude Desktop',
      hint: 'Merge this into claude_desktop_config.json (Settings → Developer → Edit config), then restart.',
      text: JSON.stringify(claudeDesktop, null, 2),
    },
  ];
}
