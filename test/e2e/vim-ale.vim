" Vim 9 with ALE (Debian's vim-ale) as a real LSP client of `muslcheck --stdio`, configured by
" the snippet of docs/editors.md (loaded with -u): opens a Dockerfile, waits for ALE to start
" the server and show its diagnostics, and writes them as JSON for test/e2e/editors.test.ts.
" Run: MUSLCHECK_FILE=... MUSLCHECK_OUT=... vim -N -u snippet.vim -i NONE -n -es -S test/e2e/vim-ale.vim
" with `muslcheck' on PATH.

function! s:Run() abort
  execute 'edit ' . fnameescape($MUSLCHECK_FILE)
  let l:result = {'filetype': &filetype}
  let l:started = reltime()
  while reltimefloat(reltime(l:started)) < 20 && empty(ale#engine#GetLoclist(bufnr('')))
    sleep 50m
  endwhile
  let l:items = ale#engine#GetLoclist(bufnr(''))
  if empty(l:items)
    throw 'no diagnostics arrived'
  endif
  let l:result.diagnostics = map(copy(l:items), {_, d -> {
  \ 'linter': d.linter_name, 'code': get(d, 'code', v:null), 'type': d.type,
  \ 'line': d.lnum, 'col': d.col, 'endLine': d.end_lnum, 'endCol': d.end_col}})
  let l:linter = filter(copy(ale#linter#Get('dockerfile')), {_, v -> v.name ==# 'muslcheck'})[0]
  let l:result.root = ale#lsp_linter#FindProjectRoot(bufnr(''), l:linter)
  return l:result
endfunction

try
  let s:result = s:Run()
  let s:result.error = v:null
catch
  let s:result = {'error': v:exception . ' at ' . v:throwpoint}
endtry
call writefile([json_encode(s:result)], $MUSLCHECK_OUT)
if s:result.error is v:null
  qall!
else
  cquit!
endif
