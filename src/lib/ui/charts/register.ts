// Chart.js with only the parts Yardstick draws (tree-shaken), loaded lazily by Chart.svelte so the first screen
// does not pay for it. Also paints a white background so downloaded PNGs are not transparent.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';

const whiteBackground: Plugin = {
  id: 'yardstickBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(
  BarController,
  BarElement,
  BarWithErrorBarsController,
  BarWithErrorBar,
  ScatterController,
  PointElement,
  CategoryScale,
  LinearScale,
  Title,
  Tooltip,
  Legend,
  whiteBackground,
);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif";
Chart.defaults.color = '#1c2430';

export { Chart };
