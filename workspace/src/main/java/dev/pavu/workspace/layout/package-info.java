/**
 * Repository layout: {@link dev.pavu.workspace.layout.LayoutDetector#detect} tells the build system
 * ({@link dev.pavu.workspace.layout.BuildKind}) and the source and test roots of a checkout; {@link dev.pavu.workspace.layout.CheckoutFiles} reads a checkout's files
 * without ever following a symbolic link.
 */
package dev.pavu.workspace.layout;
