/** Every name DocDelta adds to a page, in one place. */
/** The one element DocDelta puts in a page: the host of its frames (paint layer, navigator). */
export const OVERLAY_TAG = 'docdelta-overlay';
