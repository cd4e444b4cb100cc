import { browserTranslate } from '@/lib/i18n';
import { startLayerFrame } from '@/lib/pages/layer-frame';
import './layer.css';

startLayerFrame(window, browserTranslate((key, substitutions) => browser.i18n.getMessage(key as never, substitutions)));
