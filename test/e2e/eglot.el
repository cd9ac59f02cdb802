;;; eglot.el --- Emacs + eglot (batch) as a real LSP client of `muslcheck --stdio'  -*- lexical-binding: t -*-

;; Configured by the eglot snippet of docs/editors.md (loaded first with -l): opens a
;; Dockerfile in dockerfile-mode (Debian's elpa-dockerfile-mode), lets the snippet's hook
;; start eglot, waits for flymake diagnostics from the server, hovers, applies the preferred
;; quick fix (asking with an empty context, as a keyboard user would) until the diagnostics
;; are gone, and writes what it saw as JSON for test/e2e/editors.test.ts.
;; Run: MUSLCHECK_FILE=... MUSLCHECK_OUT=... emacs --batch -l snippet.el -l test/e2e/eglot.el
;; with `muslcheck' on PATH.

;;; Code:

(require 'eglot)
(require 'flymake)
(require 'json)
(require 'cl-lib)

(require 'dockerfile-mode)

(defvar muslcheck-e2e-file (getenv "MUSLCHECK_FILE"))
(defvar muslcheck-e2e-out (getenv "MUSLCHECK_OUT"))
(defvar muslcheck-e2e-timeout 20)
(defvar muslcheck-e2e-publishes 0 "How many publishDiagnostics notifications arrived.")
(defvar muslcheck-e2e-published nil "The messages of the last publishDiagnostics.")

;; Flymake drops a diagnostic as soon as an edit deletes its text, long before the server
;; has checked the new text: watch the server's publications to know when it has.
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &rest args)
  (cl-incf muslcheck-e2e-publishes)
  (setq muslcheck-e2e-published (mapcar (lambda (d) (plist-get d :message)) (plist-get args :diagnostics))))

(defun muslcheck-e2e-wait (predicate what)
  "Pump events until PREDICATE is non-nil; fail naming WHAT after the timeout."
  (let ((deadline (+ (float-time) muslcheck-e2e-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05))
    (unless (funcall predicate)
      (error "Timed out waiting for %s (%d publications seen)" what muslcheck-e2e-publishes))))

(defun muslcheck-e2e-diagnostics ()
  "The flymake diagnostics of the buffer as (LINE COLUMN END-COLUMN TYPE TEXT) lists."
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
              (list :line (1- (line-number-at-pos beg))
                    :character (save-excursion (goto-char beg) (current-column))
                    :endCharacter (save-excursion (goto-char end) (current-column))
                    :type (symbol-name (flymake-diagnostic-type d))
                    :text (flymake-diagnostic-text d))))
          (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))

(defun muslcheck-e2e-position (point)
  "The LSP position of POINT."
  (save-excursion
    (goto-char point)
    (list :line (1- (line-number-at-pos)) :character (current-column))))

(defun muslcheck-e2e-run ()
  "Drive the server and return the result plist."
  (let (result steps)
    (find-file muslcheck-e2e-file)
    (unless (eq major-mode 'dockerfile-mode) (error "The file opened in %s, not dockerfile-mode" major-mode))
    ;; eglot-ensure connects after the next command; batch Emacs runs none.
    (run-hooks 'post-command-hook)
    (muslcheck-e2e-wait (lambda () (eglot-current-server)) "the snippet's hook to start eglot")
    (muslcheck-e2e-wait (lambda () (flymake-diagnostics)) "diagnostics")
    (setq result (list :diagnostics (vconcat (muslcheck-e2e-diagnostics))))
    (let* ((server (eglot-current-server))
           (uri (eglot--path-to-uri buffer-file-name))
           (first (car (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
           (hover (jsonrpc-request server :textDocument/hover
                                   (list :textDocument (list :uri uri)
                                         :position (muslcheck-e2e-position (flymake-diagnostic-beg first))))))
      (setq result (plist-put result :hover (plist-get (plist-get hover :contents) :value)))
      (cl-loop repeat 10
               for remaining = (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))
               while remaining
               do (let* ((d (car remaining))
                         (start (muslcheck-e2e-position (flymake-diagnostic-beg d)))
                         (actions (jsonrpc-request server :textDocument/codeAction
                                                   (list :textDocument (list :uri uri)
                                                         :range (list :start start :end start)
                                                         :context (list :diagnostics [] :only ["quickfix"]))))
                         (chosen (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) actions))
                         (text (flymake-diagnostic-text d))
                         (tick (buffer-chars-modified-tick))
                         (publishes muslcheck-e2e-publishes))
                    (unless chosen (error "No preferred quick fix for %s" text))
                    (eglot--apply-workspace-edit (plist-get chosen :edit))
                    (when (= tick (buffer-chars-modified-tick)) (error "The edit changed nothing"))
                    ;; eglot sends changes from an idle timer, and batch Emacs is never idle.
                    (eglot--signal-textDocument/didChange)
                    (push (list :title (plist-get chosen :title)) steps)
                    (muslcheck-e2e-wait
                     (lambda () (and (> muslcheck-e2e-publishes publishes)
                                     (not (cl-find-if (lambda (m) (string-suffix-p m text)) muslcheck-e2e-published))
                                     (not (cl-find text (flymake-diagnostics) :key #'flymake-diagnostic-text :test #'equal))))
                     (format "the fix of: %s" text))))
      (setq result (plist-put result :steps (vconcat (nreverse steps))))
      (setq result (plist-put result :remaining (vconcat (muslcheck-e2e-diagnostics))))
      (setq result (plist-put result :text (buffer-substring-no-properties (point-min) (point-max))))
      (eglot-shutdown server))
    result))

(let ((result (condition-case err
                  (muslcheck-e2e-run)
                (error (list :error (error-message-string err))))))
  (with-temp-file muslcheck-e2e-out
    (insert (json-encode result)))
  (kill-emacs (if (plist-get result :error) 1 0)))

;;; eglot.el ends here
