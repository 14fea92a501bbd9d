/**
 * Sources of jobs: {@link dev.pavu.workspace.source.GitSources} resolves a git URL, an uploaded bundle or a local
 * working tree to a commit and a content-addressed bundle; {@link dev.pavu.workspace.source.SourceCache} fetches
 * bundles once and hands out fresh checkouts of a commit.
 */
package dev.pavu.workspace.source;
