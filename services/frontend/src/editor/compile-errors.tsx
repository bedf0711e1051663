import type { CompileError } from '@fractafrag/glsl-runtime/pure';
import type { TabName } from './editor-source.ts';

interface CompileErrorsProps {
  errors: readonly CompileError[];
  onJump: (tab: TabName, line: number | null) => void;
}

/** The compile log under the code: every error with its tab and line, each a button to go there. */
export function CompileErrors({ errors, onJump }: CompileErrorsProps) {
  return (
    <div className="compile-status" data-testid="compile-status" aria-live="polite">
      {errors.length === 0 ? (
        <p className="compile-ok" data-testid="compile-ok">
          Compiled
        </p>
      ) : (
        <>
          <h2 className="visually-hidden">Compile errors</h2>
          <ul className="compile-errors" data-testid="compile-errors">
            {errors.map((error, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="compile-error"
                  data-testid="compile-error"
                  data-pass={error.pass}
                  data-line={error.line ?? ''}
                  onClick={() => onJump(error.pass, error.line)}
                >
                  <span className="compile-error-where">
                    {error.pass}
                    {error.line !== null && ` · line ${error.line}`}
                  </span>
                  <span className="compile-error-message">{error.message}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
