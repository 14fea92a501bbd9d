/**
 * Sources of jobs: {@link dev.pavu.workspace.source.GitSources} resolves a git URL, an uploaded bundle or a local
 * working tree to a commit and a content-addressed bundle; {@link dev.pavu.workspace.source.SourceCache} fetches
 * bundles once and hands out fresh checkouts of a commit. Other people's sources are hostile:
 * {@link dev.pavu.workspace.source.SourceLimits} bound what a commit may unpack (checked before writing),
 * {@link dev.pavu.workspace.source.RemotePolicy} bounds which URLs a submitted source may name, and checkouts never
 * write through a symbolic link.
 */
package dev.pavu.workspace.source;
