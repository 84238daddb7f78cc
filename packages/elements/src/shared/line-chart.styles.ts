import { css } from 'lit';

/**
 * Styles for {@link LineChart} in a shadow root: the few layout rules uPlot's own stylesheet gives
 * its DOM (a page stylesheet cannot reach into the shadow root), plus the legend and the data table.
 * The host sets `--_chart-axis-color`, `--_chart-grid-color` and each series' colour property.
 */
export const lineChartStyles = css`
  .line-chart {
    margin: 0;
    min-width: 0;
  }

  .line-chart .plot {
    position: relative;
    width: 100%;
    min-width: 0;
    overflow: hidden;
  }

  /* uPlot's structure: a relative wrapper, absolutely placed overlay, underlay and axes, block canvas. */
  .line-chart .uplot,
  .line-chart .uplot *,
  .line-chart .uplot *::before,
  .line-chart .uplot *::after {
    box-sizing: border-box;
  }

  .line-chart .uplot {
    width: min-content;
    line-height: 1.5;
  }

  .line-chart .u-wrap {
    position: relative;
    user-select: none;
  }

  .line-chart .u-over,
  .line-chart .u-under,
  .line-chart .u-axis,
  .line-chart .u-select {
    position: absolute;
  }

  .line-chart .u-under {
    overflow: hidden;
  }

  .line-chart .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }

  .line-chart .u-select,
  .line-chart .u-off {
    display: none;
  }

  .chart-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin-block-start: 0.25rem;
    font-size: 0.85em;
  }

  .legend-item {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }

  .chart-data {
    margin-block-start: 0.35rem;
    font-size: 0.85em;
  }

  .chart-data summary {
    cursor: pointer;
  }

  .chart-data .table-scroller {
    max-height: 14rem;
    overflow: auto;
  }

  .chart-data table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  .chart-data th,
  .chart-data td {
    padding: 0.1rem 0.6rem;
    text-align: end;
  }

  @media (forced-colors: active) {
    .legend-item line {
      stroke: CanvasText !important;
    }

    .line-chart .plot {
      forced-color-adjust: none;
    }
  }
`;
