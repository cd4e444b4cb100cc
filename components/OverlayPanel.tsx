import { ChangeNavigator, type ChangeNavigatorProps } from './ChangeNavigator';
import { EdgeMarkers, type EdgeMarker } from './EdgeMarkers';

export interface OverlayPanelProps extends ChangeNavigatorProps {
  markers: readonly EdgeMarker[];
  onSelect: (index: number) => void;
}

export function OverlayPanel(props: OverlayPanelProps) {
  return (
    <>
      <EdgeMarkers markers={props.markers} current={props.current} onSelect={props.onSelect} t={props.t} />
      <ChangeNavigator {...props} />
    </>
  );
}
