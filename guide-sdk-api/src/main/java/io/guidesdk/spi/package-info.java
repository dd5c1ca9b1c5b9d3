/**
 * Service-provider interfaces: what a model backend implements so that the core can use it.
 *
 * <p>Only JDK types appear here. Backends register their providers in
 * {@code META-INF/services}; a backend set explicitly on the SDK builder wins over discovery.
 */
@NullMarked
package io.guidesdk.spi;

import org.jspecify.annotations.NullMarked;
