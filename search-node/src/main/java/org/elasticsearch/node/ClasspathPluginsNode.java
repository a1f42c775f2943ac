package org.elasticsearch.node;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

/**
 * A node whose plugins are classes on the classpath instead of a distribution's
 * modules/ folder. It sits in Elasticsearch's package because the hook for the plugin
 * service (NodeServiceProvider) is package-private; the test framework's MockNode does
 * the same but also boots the randomized test runner, which refuses to run as root.
 */
public class ClasspathPluginsNode extends Node {
    public ClasspathPluginsNode(Settings settings, Path configDir, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir, () -> settings.get("node.name")),
                new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment environment, Settings nodeSettings) {
                        return new MockPluginsService(nodeSettings, environment, plugins);
                    }
                },
                true));
    }
}
