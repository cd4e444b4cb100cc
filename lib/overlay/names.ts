/** Every name DocDelta adds to a page, in one place. */
/** The one element DocDelta puts in a page: the host of its frames (navigator, markers, paint layer). */
export const OVERLAY_TAG = 'docdelta-overlay';
