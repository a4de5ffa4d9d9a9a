/**
 * Chinese-first UI with an English switch. Every UI text is a Label {zh, en} (field labels come from the
 * dictionary); t() picks the current language. The choice is remembered in localStorage.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Label } from '../../shared/dictionary/types.ts'

export type Locale = 'zh' | 'en'

interface I18n {
  locale: Locale
  setLocale(l: Locale): void
  t(label: Label): string
}

const I18nContext = createContext<I18n>({ locale: 'zh', setLocale: () => undefined, t: (l) => l.zh })

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('anju-locale') === 'en' ? 'en' : 'zh'))
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem('anju-locale', l)
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en'
    setLocaleState(l)
  }, [])
  const t = useCallback((label: Label) => label[locale], [locale])
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  return useContext(I18nContext)
}

/** Shorthand for an inline label. */
export const L = (zh: string, en: string): Label => ({ zh, en })
