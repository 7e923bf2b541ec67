package io.onecustomer.generator;

/**
 * Chinese text encoded in GBK (not UTF-8), as legacy store and agent systems export it. Every byte is
 * >= 0x80, so the bytes never contain a comma, quote, backslash or line end, and the sequences are not
 * valid UTF-8.
 */
final class Gbk {
    private Gbk() {}

    /** 上海 */
    static final byte[] SHANGHAI = bytes(0xC9, 0xCF, 0xBA, 0xA3);
    /** 已支付 */
    static final byte[] PAID = bytes(0xD2, 0xD1, 0xD6, 0xA7, 0xB8, 0xB6);
    /** 浏览 */
    static final byte[] BROWSE = bytes(0xE4, 0xAF, 0xC0, 0xC0);
    /** 微信支付 */
    static final byte[] WECHAT_PAY = bytes(0xCE, 0xA2, 0xD0, 0xC5, 0xD6, 0xA7, 0xB8, 0xB6);
    /** 李伟 */
    static final byte[] LI_WEI = bytes(0xC0, 0xEE, 0xCE, 0xB0);
    /** 华美超市 */
    static final byte[] HUAMEI = bytes(0xBB, 0xAA, 0xC3, 0xC0, 0xB3, 0xAC, 0xCA, 0xD0);
    /** 春季促销 */
    static final byte[] SPRING_SALE = bytes(0xB4, 0xBA, 0xBC, 0xBE, 0xB4, 0xD9, 0xCF, 0xFA);
    /** 投诉 */
    static final byte[] COMPLAINT = bytes(0xCD, 0xB6, 0xCB, 0xDF);
    /** 布艺沙发 */
    static final byte[] FABRIC_SOFA = bytes(0xB2, 0xBC, 0xD2, 0xD5, 0xC9, 0xB3, 0xB7, 0xA2);

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
