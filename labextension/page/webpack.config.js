// jupyst's page front end (src/index.ts) built into the template's static folder, where both
// serving modes serve it (gzipped, cached). The main bundle is page.js; Vega and MathJax are
// chunks of their own with content-hashed names, loaded from beside page.js when first used.
const path = require('path');
const webpack = require('webpack');

const SHARED = ['@jupyter-widgets/base', '@lumino/widgets', '@lumino/messaging'];
const versions = Object.fromEntries(SHARED.map(name => [name, require(`${name}/package.json`).version]));

module.exports = {
  entry: { page: './src/index.ts' },
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
