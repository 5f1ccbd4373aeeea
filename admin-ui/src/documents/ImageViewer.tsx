import RotateLeftIcon from '@mui/icons-material/RotateLeft';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import { Box, IconButton, Stack, Tooltip } from '@mui/material';
import { type ReactElement, useState } from 'react';
import { useTranslate } from 'react-admin';

const ZOOM_STEP = 0.25;

const Tool = ({ label, icon, onClick }: { label: string; icon: ReactElement; onClick: () => void }) => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate(label)}>
      <IconButton aria-label={translate(label)} onClick={onClick} size="small">
        {icon}
      </IconButton>
    </Tooltip>
  );
};

export const ImageViewer = ({ src, alt }: { src: string; alt: string }) => {
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={0.5} dir="ltr">
        <Tool
          label="documents.preview.zoom_out"
          icon={<ZoomOutIcon />}
          onClick={() => setZoom((z) => Math.max(0.25, z - ZOOM_STEP))}
        />
        <Tool
          label="documents.preview.zoom_in"
          icon={<ZoomInIcon />}
          onClick={() => setZoom((z) => Math.min(4, z + ZOOM_STEP))}
        />
        <Tool
          label="documents.preview.rotate_left"
          icon={<RotateLeftIcon />}
          onClick={() => setRotation((r) => r - 90)}
        />
        <Tool
          label="documents.preview.rotate_right"
          icon={<RotateRightIcon />}
          onClick={() => setRotation((r) => r + 90)}
        />
      </Stack>
      <Box sx={{ overflow: 'auto', height: 560, bgcolor: 'action.hover', textAlign: 'center', p: 1 }}>
        <Box
          component="img"
          src={src}
          alt={alt}
          sx={{
            ...(zoom === 1 ? { maxWidth: '100%' } : { width: `${zoom * 100}%` }),
            verticalAlign: 'middle',
            transform: `rotate(${rotation}deg)`,
            transformOrigin: 'center',
            transition: 'transform 0.15s',
          }}
        />
      </Box>
    </Stack>
  );
};
