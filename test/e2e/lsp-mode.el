;;; lsp-mode.el --- Emacs + lsp-mode (batch) as a real LSP client of `muslcheck --stdio'  -*- lexical-binding: t -*-

;; Configured by the lsp-mode snippet of docs/editors.md (loaded first with -l): opens a
;; Dockerfile in dockerfile-mode, lets the snippet's `lsp-deferred' start muslcheck as an
;; add-on client next to lsp-mode's own dockerfile-ls (docker-langserver), waits for
;; muslcheck's diagnostics, hovers, applies the preferred quick fix at
;; each finding (what `lsp-execute-code-action' runs) until none is left, and writes what it
;; saw as JSON for test/e2e/editors.test.ts.
;; Run: MUSLCHECK_FILE=... MUSLCHECK_OUT=... emacs --batch -l snippet.el -l test/e2e/lsp-mode.el
;; with `muslcheck' on PATH.

;;; Code:

(require 'lsp-mode)
(require 'lsp-modeline)
(require 'lsp-headerline)
(require 'dockerfile-mode)
(require 'json)
(require 'cl-lib)

(defvar muslcheck-e2e-file (getenv "MUSLCHECK_FILE"))
(defvar muslcheck-e2e-out (getenv "MUSLCHECK_OUT"))
(defvar muslcheck-e2e-timeout 20)

;; What a user answers once: the folder with .git is the project. The session file goes in
;; the test's HOME.
(setq lsp-auto-guess-root t
      lsp-session-file (expand-file-name "lsp-session" (getenv "HOME")))

(defvar muslcheck-e2e-publishes 0 "How many publishDiagnostics notifications arrived.")
(advice-add 'lsp--on-diagnostics :after (lambda (&rest _) (cl-incf muslcheck-e2e-publishes)))

(defun muslcheck-e2e-wait (predicate what)
  "Pump events until PREDICATE is non-nil; fail naming WHAT after the timeout."
  (let ((deadline (+ (float-time) muslcheck-e2e-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate)
      (error "Timed out waiting for %s (%d publications seen)" what muslcheck-e2e-publishes))))

(defun muslcheck-e2e-lsp-diagnostics ()
  "muslcheck's diagnostics of the current file as lsp-mode holds them, in document order."
  (sort (cl-remove-if-not (lambda (d) (equal (lsp:diagnostic-source? d) "muslcheck"))
                          (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t)))
        (lambda (a b)
          (let ((pa (lsp:range-start (lsp:diagnostic-range a))) (pb (lsp:range-start (lsp:diagnostic-range b))))
            (or (< (lsp:position-line pa) (lsp:position-line pb))
                (and (= (lsp:position-line pa) (lsp:position-line pb))
                     (< (lsp:position-character pa) (lsp:position-character pb))))))))

(defun muslcheck-e2e-describe (diagnostics)
  "DIAGNOSTICS as plists for the JSON result."
  (vconcat
   (mapcar (lambda (d)
             (let ((range (lsp:diagnostic-range d)))
               (list :code (lsp:diagnostic-code? d)
                     :source (lsp:diagnostic-source? d)
                     :severity (lsp:diagnostic-severity? d)
                     :line (lsp:position-line (lsp:range-start range))
                     :character (lsp:position-character (lsp:range-start range))
                     :endCharacter (lsp:position-character (lsp:range-end range)))))
           diagnostics)))

(defun muslcheck-e2e-run ()
  "Drive the server and return the result plist."
  (let (result steps)
    (find-file muslcheck-e2e-file)
    (unless (eq major-mode 'dockerfile-mode) (error "The file opened in %s, not dockerfile-mode" major-mode))
    ;; lsp-deferred starts the server from an idle timer; batch Emacs is never idle.
    (dolist (timer (copy-sequence timer-idle-list)) (timer-event-handler timer))
    (muslcheck-e2e-wait (lambda () (muslcheck-e2e-lsp-diagnostics)) "diagnostics")
    (setq result (list :servers (vconcat (sort (mapcar (lambda (w) (symbol-name (lsp--client-server-id (lsp--workspace-client w))))
                                                       (lsp-workspaces))
                                               #'string<))
                       :diagnostics (muslcheck-e2e-describe (muslcheck-e2e-lsp-diagnostics))))
    (let* ((first (car (muslcheck-e2e-lsp-diagnostics)))
           (hover (lsp-request "textDocument/hover"
                               (lsp--text-document-position-params nil (lsp:range-start (lsp:diagnostic-range first))))))
      (setq result (plist-put result :hover (lsp:markup-content-value (lsp:hover-contents hover)))))
    (cl-loop repeat 10
             for remaining = (muslcheck-e2e-lsp-diagnostics)
             while remaining
             do (let* ((d (car remaining))
                       (code (lsp:diagnostic-code? d))
                       (tick (buffer-chars-modified-tick))
                       (publishes muslcheck-e2e-publishes)
                       actions chosen)
                  (goto-char (lsp--position-to-point (lsp:range-start (lsp:diagnostic-range d))))
                  (setq actions (append (lsp-code-actions-at-point "quickfix") nil))
                  (setq chosen (cl-find-if #'lsp:code-action-is-preferred? actions))
                  (unless chosen (error "No preferred quick fix for %s" code))
                  (lsp-execute-code-action chosen)
                  (when (= tick (buffer-chars-modified-tick)) (error "The edit changed nothing"))
                  (push (list :code code :title (lsp:code-action-title chosen)) steps)
                  (muslcheck-e2e-wait
                   (lambda () (and (> muslcheck-e2e-publishes publishes)
                                   (not (cl-find code (muslcheck-e2e-lsp-diagnostics) :key #'lsp:diagnostic-code? :test #'equal))))
                   (format "the fix of %s" code))))
    (setq result (plist-put result :steps (vconcat (nreverse steps))))
    (setq result (plist-put result :remaining (muslcheck-e2e-describe (muslcheck-e2e-lsp-diagnostics))))
    (setq result (plist-put result :text (buffer-substring-no-properties (point-min) (point-max))))
    (mapc #'lsp-workspace-shutdown (lsp-workspaces))
    (muslcheck-e2e-wait (lambda () (not (lsp-workspaces))) "the servers to shut down")
    result))

(let ((result (condition-case err
                  (muslcheck-e2e-run)
                (error (list :error (error-message-string err))))))
  (with-temp-file muslcheck-e2e-out
    (insert (json-encode result)))
  (kill-emacs (if (plist-get result :error) 1 0)))

;;; lsp-mode.el ends here
