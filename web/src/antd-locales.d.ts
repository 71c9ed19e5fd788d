// antd's locale files are ES modules whose default export is the locale, but their typings read
// as CommonJS under the project's `nodenext` resolution, which would make the default import the
// whole module. These declarations state what the bundler actually gives.

declare module 'antd/es/locale/zh_CN.js' {
  const locale: NonNullable<import('antd').ConfigProviderProps['locale']>;
  export default locale;
}

declare module 'antd/es/locale/en_US.js' {
  const locale: NonNullable<import('antd').ConfigProviderProps['locale']>;
  export default locale;
}
