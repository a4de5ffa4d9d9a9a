/**
 * Keeps one broken part of the window from blanking all of it: a page (or the region tree) that
 * throws while rendering shows a short message in both languages with a retry button, while the title
 * bar — the plan menu above all — stays usable. Reset when the page or the plan changes.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { L, useI18n } from '../i18n.tsx'

interface Props {
  /** what broke, for the message: 此页面 / this page */
  what: { zh: string; en: string }
  /** changing it (another page, another plan) clears the error */
  resetKey: string
  children: ReactNode
}

interface State {
  error: Error | null
  key: string
}

function Fallback({ what, error, retry }: { what: Props['what']; error: Error; retry(): void }) {
  const { t } = useI18n()
  return (
    <div className="render-error" role="alert" data-testid="render-error">
      <p>
        <b>{t(L(`${what.zh}暂时无法显示。`, `${what.en} cannot be shown right now.`))}</b>{' '}
        {t(L('可以通过上方的规划菜单打开其他规划，或重试。', 'Use the plan menu above to open another plan, or try again.'))}
      </p>
      <p className="muted">{error.message}</p>
      <button type="button" onClick={retry} data-testid="render-error-retry">
        {t(L('重试', 'Try again'))}
      </button>
    </div>
  )
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('render error', error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.error) return <Fallback what={this.props.what} error={this.state.error} retry={() => this.setState({ error: null })} />
    return this.props.children
  }
}
