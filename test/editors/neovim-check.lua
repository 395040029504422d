-- Drives News Lens's language server from Neovim's built-in LSP client (headless).
-- Run by test/editors/neovim.test.ts: nvim --headless -u NONE -c "luafile neovim-check.lua", with NL_ROOT, NL_SERVER, NL_FILE, NL_NEEDLE set.
local root, server, file, needle = os.getenv('NL_ROOT'), os.getenv('NL_SERVER'), os.getenv('NL_FILE'), os.getenv('NL_NEEDLE')
local function out(s) io.stdout:write(s .. '\n') end
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'news-lens',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'samples' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(20000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 50)
if not ok then out('FAIL: the server did not initialise'); vim.cmd('cquit 1') end
local line, col
for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  local s = l:find(needle, 1, true)
  if s then line, col = i - 1, vim.str_utfindex(l, s - 1); break end
end
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = col } }
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 20000)
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then out('HOVER: ' .. (r.result.contents.value or vim.inspect(r.result.contents)):gsub('\n', ' ')) end
end
local defs = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, 20000)
for _, r in pairs(defs or {}) do
  for _, loc in ipairs(r.result or {}) do out('DEFINITION: ' .. (loc.uri or loc.targetUri)) end
end
local diag_ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
out('DIAGNOSTICS: ' .. #vim.diagnostic.get(bufnr))
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
