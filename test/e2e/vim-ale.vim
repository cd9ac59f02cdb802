" Vim 9 with ALE (Debian's vim-ale) as a real LSP client of `muslcheck --stdio', configured by
" the snippet of docs/editors.md (loaded with -u): opens a Dockerfile, waits for ALE to start
" the server and show its diagnostics, hovers (:ALEHover), applies the preferred code action
" at each finding through ALE's code action API (what :ALECodeAction's menu runs) until none
" is left, and writes what it saw as JSON for test/e2e/editors.test.ts.
" Run: MUSLCHECK_FILE=... MUSLCHECK_OUT=... vim -N -u snippet.vim -i NONE -n -es -S test/e2e/vim-ale.vim
" with `muslcheck' on PATH.

let s:timeout = 20

function! s:Wait(Predicate, what) abort
  let l:started = reltime()
  while reltimefloat(reltime(l:started)) < s:timeout && !a:Predicate()
    sleep 50m
  endwhile
  if !a:Predicate()
    throw 'timed out waiting for ' . a:what
  endif
endfunction

function! s:Preview() abort
  for l:window in range(1, winnr('$'))
    if getwinvar(l:window, '&previewwindow')
      return getbufline(winbufnr(l:window), 1, '$')
    endif
  endfor
  return []
endfunction

function! s:Loclist() abort
  return filter(copy(ale#engine#GetLoclist(bufnr(''))), {_, d -> d.linter_name ==# 'muslcheck'})
endfunction

" The menu ALE would show, as ALE hands it to a menu: [data, [['lsp', action], ...]].
let s:menu = v:null
function! s:OnMenu(data, items) abort
  let s:menu = [a:data, a:items]
endfunction

function! s:Run() abort
  execute 'edit ' . fnameescape($MUSLCHECK_FILE)
  let l:result = {'filetype': &filetype, 'steps': []}
  call s:Wait({-> !empty(s:Loclist())}, 'diagnostics')
  let l:result.diagnostics = map(s:Loclist(), {_, d -> {
  \ 'linter': d.linter_name, 'code': get(d, 'code', v:null), 'type': d.type,
  \ 'line': d.lnum, 'col': d.col, 'endLine': d.end_lnum, 'endCol': d.end_col}})
  let l:linter = filter(copy(ale#linter#Get('dockerfile')), {_, v -> v.name ==# 'muslcheck'})[0]
  let l:result.root = ale#lsp_linter#FindProjectRoot(bufnr(''), l:linter)

  " :ALEHover shows a hover of several lines in the preview window when it arrives.
  let l:first = s:Loclist()[0]
  call cursor(l:first.lnum, l:first.col)
  ALEHover
  call s:Wait({-> !empty(s:Preview())}, 'the hover')
  let l:result.hover = join(s:Preview(), "\n")

  for l:_ in range(10)
    let l:remaining = s:Loclist()
    if empty(l:remaining)
      break
    endif
    let l:d = l:remaining[0]
    call cursor(l:d.lnum, l:d.col)
    let s:menu = v:null
    call ale#codefix#Execute(0, function('s:OnMenu'))
    call s:Wait({-> s:menu isnot v:null}, 'the code actions of ' . l:d.code)
    let l:preferred = filter(map(copy(s:menu[1]), {_, i -> i[1]}), {_, a -> get(a, 'isPreferred', v:false) is v:true})
    if empty(l:preferred)
      throw 'no preferred code action for ' . l:d.code
    endif
    let l:tick = b:changedtick
    call ale#codefix#ApplyLSPCodeAction(s:menu[0], l:preferred[0])
    if b:changedtick == l:tick
      throw 'the code action changed nothing'
    endif
    call add(l:result.steps, {'code': l:d.code, 'title': l:preferred[0].title})
    " ALE lints (and so sends the new text) on TextChanged, which an Ex script does not fire.
    ALELint
    call s:Wait({-> empty(filter(s:Loclist(), {_, x -> get(x, 'code', '') ==# l:d.code}))}, l:d.code . ' to go after its fix')
  endfor
  let l:result.remaining = s:Loclist()
  let l:result.text = join(getline(1, '$'), "\n") . "\n"
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
