package org.kohogateway.connectors;

/** The social-media platforms an official account can live on. */
public enum Platform {
    X, FACEBOOK, INSTAGRAM, LINE, BLUESKY, THREADS, YOUTUBE
}
