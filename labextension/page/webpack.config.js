// jupyst's page front end built into the template's static folder, where both serving modes
// serve it (gzipped, cached). boot.js (src/boot.ts: the socket, the states request, the
// extensions, and webpack's runtime) is small and runs first; page.js (src/index.ts: the widget
// code) uses boot's modules. Vega and MathJax are chunks of their own with content-hashed
// names, loaded from beside page.js when first used.
const path = require('path');
const webpack = require('webpack');

const SHARED = ['@jupyter-widgets/base', '@lumino/widgets', '@lumino/messaging'];
const versions = Object.fromEntries(SHARED.map(name => [name, require(`${name}/package.json`).version]));

module.exports = {
  entry: { boot: './src/boot.ts', page: { import: './src/index.ts', dependOn: 'boot' } },
  output: {
    path: path.resolve(__dirname, '../../jupyst/voila/templates/jupyst/static/page'),
    filename: '[name].js',
    chunkFilename: '[name].[contenthash:12].js',
    publicPath: 'auto',
    clean: true
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(svg|png|gif|woff2?|ttf|eot)$/, type: 'asset/inline' },
      // Some packages' ES modules import without file extensions.
      { test: /\.m?js$/, resolve: { fullySpecified: false } }
    ]
  },
  plugins: [
    new webpack.DefinePlugin({ SHARED_VERSIONS: JSON.stringify(versions) })
  ],
  // Rebuilds reuse what did not change (node_modules/.cache).
  cache: { type: 'filesystem' },
  performance: { hints: false },
  devtool: false
};
