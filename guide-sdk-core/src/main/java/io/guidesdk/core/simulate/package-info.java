/**
 * A shopper simulator for judging policies where real logs have too little signal: shoppers with
 * preferences (from real purchase data or latent over a catalog) react to recommended lists through
 * click, add-to-cart and purchase response models, and every reaction goes through the real reward
 * sink. Entry point: {@link io.guidesdk.core.simulate.Simulator}.
 */
@NullMarked
package io.guidesdk.core.simulate;

import org.jspecify.annotations.NullMarked;
