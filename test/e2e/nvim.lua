-- Neovim 0.7 (headless) as a real LSP client of `muslcheck --stdio`, configured by the
-- snippet of docs/editors.md (loaded with -u): opens a Dockerfile, waits for the snippet to
-- attach muslcheck and for diagnostics, hovers, applies the preferred quick fixes until the
-- diagnostics are gone, and writes what it saw as JSON for test/e2e/editors.test.ts to check.
-- Run: MUSLCHECK_FILE=... MUSLCHECK_OUT=... nvim --headless -i NONE -u snippet.lua -c 'luafile test/e2e/nvim.lua'
-- with `muslcheck` on PATH.
local file = assert(os.getenv('MUSLCHECK_FILE'), 'MUSLCHECK_FILE is not set')
local out = assert(os.getenv('MUSLCHECK_OUT'), 'MUSLCHECK_OUT is not set')
local TIMEOUT = 20000

local result = { steps = {} }

-- Count the server's publications, to know when it has checked an edited text.
local publishes = 0
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(...)
  publishes = publishes + 1
  return publish(...)
end

-- 0.7's vim.diagnostic items lack the LSP code; the line diagnostics keep it.
local function lsp_diagnostics(buf)
  local all = {}
  for line = 0, vim.api.nvim_buf_line_count(buf) - 1 do
    for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, line)) do
      table.insert(all, d)
    end
  end
  return all
end

local function describe(diagnostics)
  local list = {}
  for _, d in ipairs(diagnostics) do
    table.insert(list, {
      code = d.code,
      source = d.source,
      severity = d.severity,
      line = d.range.start.line,
      character = d.range.start.character,
      endLine = d.range['end'].line,
      endCharacter = d.range['end'].character,
    })
  end
  return list
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local function attached()
    for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
      if client.name == 'muslcheck' then return client end
    end
  end
  assert(vim.wait(TIMEOUT, function() return attached() ~= nil end, 50), 'the configuration attached no muslcheck client')
  local client_id = attached().id
  result.root = attached().config.root_dir
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics arrived')
  local first = lsp_diagnostics(buf)
  result.diagnostics = describe(first)

  -- Hover on the first finding.
  local target = first[1]
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = target.range.start,
  }, TIMEOUT)
  result.hover = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value or vim.NIL

  -- Apply the preferred quick fix of the first remaining diagnostic until none is left.
  for _ = 1, 10 do
    local remaining = lsp_diagnostics(buf)
    if #remaining == 0 then break end
    local d = remaining[1]
    local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.range.start.line)
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = d.range,
      context = { diagnostics = line_diagnostics, only = { 'quickfix' } },
    }, TIMEOUT)
    local actions = responses and responses[client_id] and responses[client_id].result or {}
    local chosen
    for _, action in ipairs(actions) do
      if action.isPreferred then chosen = action end
    end
    assert(chosen, 'no preferred quick fix for ' .. tostring(d.code))
    local tick = vim.api.nvim_buf_get_changedtick(buf)
    local published = publishes
    vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
    assert(vim.api.nvim_buf_get_changedtick(buf) > tick, 'the edit changed nothing')
    table.insert(result.steps, { code = d.code, title = chosen.title })
    -- Until the server publishes for the edited text, the old diagnostics (moved by the
    -- edit) are still there: wait for a publication without the fixed code.
    local function fixed()
      if publishes == published then return false end
      for _, left in ipairs(lsp_diagnostics(buf)) do
        if left.code == d.code then return false end
      end
      return true
    end
    assert(vim.wait(TIMEOUT, fixed, 50), tostring(d.code) .. ' is still reported after ' .. chosen.title)
  end
  result.remaining = describe(lsp_diagnostics(buf))
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'

  vim.lsp.stop_client(client_id)
  assert(vim.wait(TIMEOUT, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50), 'the server did not stop')
end

local ok, err = pcall(run)
result.error = ok and vim.NIL or tostring(err)
local handle = assert(io.open(out, 'w'))
handle:write(vim.fn.json_encode(result))
handle:close()
if ok then vim.cmd('qa!') else vim.cmd('cquit!') end
