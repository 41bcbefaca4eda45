/**
 * What the migration knows about both libraries (openai-whisper 20250625, faster-whisper 1.2.1):
 * names, parameters and how each maps. Messages here are what reviewers read.
 */

/** Model names openai-whisper's load_model accepts; faster-whisper accepts every one of them. */
export const MODEL_NAMES = new Set([
  'tiny.en', 'tiny', 'base.en', 'base', 'small.en', 'small', 'medium.en', 'medium',
  'large-v1', 'large-v2', 'large-v3', 'large', 'large-v3-turbo', 'turbo',
]);

/** faster-whisper's WhisperModel compute types (CTranslate2 quantization). */
export const COMPUTE_TYPES = ['default', 'auto', 'int8', 'int8_float32', 'int8_float16', 'int8_bfloat16', 'int16', 'float16', 'float32', 'bfloat16'];

/** transcribe() keyword arguments that mean the same in both libraries, with the same defaults. */
export const SAME_TRANSCRIBE_ARGS = new Set([
  'temperature', 'compression_ratio_threshold', 'no_speech_threshold', 'condition_on_previous_text', 'initial_prompt',
  'word_timestamps', 'prepend_punctuations', 'append_punctuations', 'clip_timestamps', 'hallucination_silence_threshold',
  'language', 'task', 'suppress_blank', 'without_timestamps', 'max_initial_timestamp', 'beam_size', 'best_of', 'patience', 'audio',
]);

/** transcribe() keyword arguments renamed in faster-whisper. */
export const RENAMED_TRANSCRIBE_ARGS: Record<string, string> = {
  logprob_threshold: 'log_prob_threshold',
  sample_len: 'max_new_tokens',
};

/** Keys of an openai-whisper segment dict, in its order. */
export const SEGMENT_KEYS = ['id', 'seek', 'start', 'end', 'text', 'tokens', 'temperature', 'avg_logprob', 'compression_ratio', 'no_speech_prob'];
/** Keys of an openai-whisper word dict. */
export const WORD_KEYS = ['word', 'start', 'end', 'probability'];

/** Why a `whisper.<name>` (module attribute) cannot be migrated. */
export function unsupportedModuleAttribute(name: string): string {
  const messages: Record<string, string> = {
    decode: 'whisper.decode has no faster-whisper equivalent (it decodes one 30-second window)',
    DecodingOptions: 'whisper.DecodingOptions has no faster-whisper equivalent; pass the options to WhisperModel.transcribe instead',
    DecodingResult: 'whisper.DecodingResult has no faster-whisper equivalent',
    detect_language: 'whisper.detect_language works on a log-Mel spectrogram; faster-whisper detects from audio (WhisperModel.detect_language(audio=...) returns language, probability, all probabilities)',
    log_mel_spectrogram: 'whisper.log_mel_spectrogram has no direct equivalent (faster-whisper computes features inside the model: model.feature_extractor, numpy)',
    pad_or_trim: 'whisper.pad_or_trim works on samples; faster_whisper.audio.pad_or_trim works on mel frames',
    tokenizer: 'whisper.tokenizer has no faster-whisper equivalent',
    utils: 'the whisper.utils writers (txt, vtt, srt, tsv, json) have no faster-whisper equivalent',
    normalizers: 'whisper.normalizers has no faster-whisper equivalent',
    timing: 'whisper.timing has no faster-whisper equivalent',
    model: 'whisper.model (the PyTorch model) has no faster-whisper equivalent',
    Whisper: 'whisper.Whisper (the PyTorch model class) has no faster-whisper equivalent',
    ModelDimensions: 'whisper.ModelDimensions has no faster-whisper equivalent',
    audio: 'this part of whisper.audio has no faster-whisper equivalent',
    __version__: 'whisper.__version__ describes openai-whisper',
  };
  return messages[name] ?? `whisper.${name} has no faster-whisper equivalent`;
}

/** Why `model.<name>` on a whisper model cannot be migrated. */
export function unsupportedModelAttribute(name: string): string {
  const messages: Record<string, string> = {
    detect_language: 'model.detect_language takes a log-Mel spectrogram in openai-whisper; faster-whisper\'s takes audio and returns (language, probability, all_probabilities)',
    decode: 'model.decode has no faster-whisper equivalent',
    dims: 'model.dims has no faster-whisper equivalent',
    device: 'model.device (a torch.device) has no faster-whisper equivalent',
    is_multilingual: 'model.is_multilingual has no faster-whisper equivalent (see model.supported_languages)',
    num_languages: 'model.num_languages has no faster-whisper equivalent',
  };
  return messages[name] ?? `model.${name} is a PyTorch model attribute with no faster-whisper equivalent`;
}

/**
 * openai-whisper's languages (code: name, `_` for a space), as its tokenizer knows them; faster-whisper
 * takes the same codes and nothing else.
 */
const LANGUAGE_TABLE =
  'en:english zh:chinese de:german es:spanish ru:russian ko:korean fr:french ja:japanese pt:portuguese '+
  'tr:turkish pl:polish ca:catalan nl:dutch ar:arabic sv:swedish it:italian id:indonesian hi:hindi fi:finnish '+
  'vi:vietnamese he:hebrew uk:ukrainian el:greek ms:malay cs:czech ro:romanian da:danish hu:hungarian ta:tamil '+
  'no:norwegian th:thai ur:urdu hr:croatian bg:bulgarian lt:lithuanian la:latin mi:maori ml:malayalam cy:welsh '+
  'sk:slovak te:telugu fa:persian lv:latvian bn:bengali sr:serbian az:azerbaijani sl:slovenian kn:kannada '+
  'et:estonian mk:macedonian br:breton eu:basque is:icelandic hy:armenian ne:nepali mn:mongolian bs:bosnian '+
  'kk:kazakh sq:albanian sw:swahili gl:galician mr:marathi pa:punjabi si:sinhala km:khmer sn:shona yo:yoruba '+
  'so:somali af:afrikaans oc:occitan ka:georgian be:belarusian tg:tajik sd:sindhi gu:gujarati am:amharic '+
  'yi:yiddish lo:lao uz:uzbek fo:faroese ht:haitian_creole ps:pashto tk:turkmen nn:nynorsk mt:maltese '+
  'sa:sanskrit lb:luxembourgish my:myanmar bo:tibetan tl:tagalog mg:malagasy as:assamese tt:tatar haw:hawaiian '+
  'ln:lingala ha:hausa ba:bashkir jw:javanese su:sundanese yue:cantonese ';

/** Other names openai-whisper's tokenizer accepts for a language. */
const LANGUAGE_ALIASES: Record<string, string> = {
  burmese: 'my', valencian: 'ca', flemish: 'nl', haitian: 'ht', letzeburgesch: 'lb', pushto: 'ps', panjabi: 'pa',
  moldavian: 'ro', moldovan: 'ro', sinhalese: 'si', castilian: 'es', mandarin: 'zh',
};

const LANGUAGE_CODES = new Map<string, string>();
for (const entry of LANGUAGE_TABLE.trim().split(/\s+/)) {
  const [code, name] = entry.split(':');
  LANGUAGE_CODES.set(code, code);
  LANGUAGE_CODES.set(name.replace(/_/g, ' '), code);
}
for (const [alias, code] of Object.entries(LANGUAGE_ALIASES)) LANGUAGE_CODES.set(alias, code);

/**
 * The code faster-whisper needs for a `language=` value openai-whisper accepts: openai-whisper
 * lower-cases it and takes a code or a language name ("Spanish", "english", "castilian");
 * undefined when openai-whisper would reject it too.
 */
export function languageCode(value: string): string | undefined {
  return LANGUAGE_CODES.get(value.toLowerCase());
}
