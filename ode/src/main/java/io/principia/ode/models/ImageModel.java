package io.principia.ode.models;

import java.util.Arrays;
import java.util.Locale;

/**
 * The image-classification families of spec rnn_ode.md 3.2 with the MNIST sizes (dim = state
 * channels, nhid = hidden channels of f) and their parameter counts from the official layer
 * shapes (without the γ / corr scalars).
 */
public enum ImageModel {
    NODE("NODE", 1, 92, 85_316),
    ANODE("ANODE", 6, 64, 85_462),
    SONODE("SONODE", 5, 50, 86_179),
    HBNODE("HBNODE", 5, 50, 85_929),
    GHBNODE("GHBNODE", 5, 50, 85_929),
    NESTEROV("NesterovNODE", 5, 50, 85_929),
    GNESTEROV("GNesterovNODE", 5, 50, 85_929);

    public final String displayName;
    public final int mnistDim;
    public final int mnistHidden;
    public final long mnistParameters;

    ImageModel(String displayName, int dim, int nhid, long params) {
        this.displayName = displayName;
        this.mnistDim = dim;
        this.mnistHidden = nhid;
        this.mnistParameters = params;
    }

    /** Whether the state is [B, 2, dim, H, W] (an initial-velocity net) rather than zero-padded [B, dim, H, W]. */
    public boolean secondOrder() {
        return this != NODE && this != ANODE;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By CLI name ("hbnode", "gnesterov", ...) or display name, case-insensitive. */
    public static ImageModel parse(String name) {
        String n = name.trim();
        for (ImageModel m : values()) {
            if (m.cliName().equalsIgnoreCase(n) || m.displayName.equalsIgnoreCase(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known: "
                + Arrays.stream(values()).map(ImageModel::cliName).toList());
    }
}
