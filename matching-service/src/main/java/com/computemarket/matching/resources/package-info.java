/** Compute resources as both providers offer them (node capacity) and jobs ask for them. */
package com.computemarket.matching.resources;
