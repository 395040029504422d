/** A report of an event with a quote given to `speaker`: two of them with different speakers are a planted attribution conflict (issue 15). */
export function quotedReport(speaker: string): string {
  return [
    'Sập cầu ở Quảng Nam, tỉnh hỗ trợ các gia đình có người thương vong',
    'Theo Bộ Giao thông Vận tải, vụ sập cầu Tam Kỳ tại tỉnh Quảng Nam sáng qua đã làm nhiều người bị thương.',
    `"Tỉnh sẽ hỗ trợ ngay các gia đình có người thương vong và xây lại cây cầu trước mùa mưa năm sau", ông ${speaker} nói với phóng viên.`,
    'Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Quảng Nam, và ông Trần Văn Bình, Phó chủ tịch UBND tỉnh, đã đến hiện trường cùng Bộ Giao thông Vận tải.',
  ].join('\n');
}
