package org.segrank.cli;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.IVersionProvider;

/** SegRank's version: the OSGi bundle version inside the product, "development" elsewhere. */
public final class SegrankVersion {
    private SegrankVersion() {
    }

    public static String get() {
        try {
            Bundle bundle = FrameworkUtil.getBundle(SegrankVersion.class);
            if (bundle != null) {
                return bundle.getVersion().toString();
            }
        } catch (NoClassDefFoundError outsideOsgi) {
            // plain class path (IDE scratch runs): no bundle to ask
        }
        return "development";
    }

    /** The OSGi framework this runs in, e.g. "Equinox 3.24.300...", or a note that there is none. */
    public static String framework() {
        try {
            Bundle bundle = FrameworkUtil.getBundle(SegrankVersion.class);
            if (bundle != null && bundle.getBundleContext() != null) {
                Bundle system = bundle.getBundleContext().getBundle(0);
                return "Equinox " + system.getVersion();
            }
        } catch (NoClassDefFoundError outsideOsgi) {
            // plain class path
        }
        return "not running inside OSGi";
    }

    /** picocli's {@code --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "SegRank " + get() };
        }
    }
}
