package fi.miksei.searchnode;

import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis the site's indices use, under the names Elasticsearch's analysis-common
 * module gives them. That module is not on Maven Central (only the server jar is), so
 * this exposes Lucene's own filters (lucene-analysis-common, which the server already
 * depends on) with the same settings: the directory index (directory/search) and
 * Wagtail's elasticsearch8 backend. A setting this does not understand fails the index
 * creation rather than being ignored.
 */
public class LuceneAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "asciifolding", (index, env, name, s) -> {
                    boolean preserve = s.getAsBoolean("preserve_original", false);
                    return new Normalizing(name, s, ts -> new ASCIIFoldingFilter(ts, preserve));
                },
                "edge_ngram", (index, env, name, s) -> {
                    int min = s.getAsInt("min_gram", 1);
                    int max = s.getAsInt("max_gram", 2);
                    boolean preserve = s.getAsBoolean("preserve_original", false);
                    return filter(name, s, ts -> new EdgeNGramTokenFilter(ts, min, max, preserve));
                },
                "ngram", (index, env, name, s) -> {
                    int min = s.getAsInt("min_gram", 1);
                    int max = s.getAsInt("max_gram", 2);
                    checkNgramDiff(index, min, max);
                    boolean preserve = s.getAsBoolean("preserve_original", false);
                    return filter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
                },
                "stemmer", (index, env, name, s) -> {
                    String language = s.get("language", s.get("name", "english"));
                    Function<TokenStream, TokenStream> stem = switch (language) {
                        // As analysis-common: Snowball for Finnish and Swedish, Porter for English.
                        case "finnish" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.FinnishStemmer());
                        case "swedish" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.SwedishStemmer());
                        case "light_finnish" -> FinnishLightStemFilter::new;
                        case "light_swedish" -> SwedishLightStemFilter::new;
                        case "english", "porter" -> PorterStemFilter::new;
                        default -> throw new IllegalArgumentException("stemmer language [" + language + "] is not available here");
                    };
                    return filter(name, s, stem);
                });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
                "edge_ngram", (index, env, name, s) -> {
                    rejectTokenChars(s);
                    int min = s.getAsInt("min_gram", 1);
                    int max = s.getAsInt("max_gram", 2);
                    return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(min, max));
                },
                "ngram", (index, env, name, s) -> {
                    rejectTokenChars(s);
                    int min = s.getAsInt("min_gram", 1);
                    int max = s.getAsInt("max_gram", 2);
                    checkNgramDiff(index, min, max);
                    return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(min, max));
                });
    }

    // Elasticsearch's own guard against n-gram explosions (index.max_ngram_diff).
    private static void checkNgramDiff(IndexSettings index, int min, int max) {
        if (max - min > index.getMaxNgramDiff()) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram must be less than or equal to: ["
                    + index.getMaxNgramDiff() + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
    }

    private static void rejectTokenChars(Settings s) {
        if (s.get("token_chars") != null || !s.getAsList("token_chars").isEmpty()) {
            throw new IllegalArgumentException("token_chars is not supported by this search node");
        }
    }

    private static TokenFilterFactory filter(String name, Settings s, Function<TokenStream, TokenStream> create) {
        return new AbstractTokenFilterFactory(name, s) {
            @Override
            public TokenStream create(TokenStream ts) {
                return create.apply(ts);
            }
        };
    }

    // Folding also applies to keyword normalizers and to query-side normalization.
    private static final class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Function<TokenStream, TokenStream> create;

        Normalizing(String name, Settings s, Function<TokenStream, TokenStream> create) {
            super(name, s);
            this.create = create;
        }

        @Override
        public TokenStream create(TokenStream ts) {
            return create.apply(ts);
        }
    }
}
