/**
 * Repository layout: {@link dev.pavu.workspace.layout.LayoutDetector#detect} tells the build system
 * ({@link dev.pavu.workspace.layout.BuildKind}) and the source and test roots of a checkout.
 */
package dev.pavu.workspace.layout;
